"""The office's screen parameters: one home for reading them (defaults merged) and editing them."""

from __future__ import annotations

import copy

from django.db import transaction
from django.utils.translation import gettext as _

from monitoring.models import Screen, ScreenParameter
from monitoring.screens import DEFAULTS
from portal.errors import DomainError, PermissionRefused

CHANGE = "monitoring.change_screenparameter"


def effective_parameters() -> tuple[dict[str, dict], set[str]]:
    """Every screen's parameters (stored values over the documented defaults) and the enabled set."""
    stored = {row.screen: row for row in ScreenParameter.objects.all()}
    parameters, enabled = {}, set()
    for screen, defaults in DEFAULTS.items():
        values = copy.deepcopy(defaults)
        row = stored.get(screen)
        if row is not None:
            values.update({k: v for k, v in row.values.items() if k in defaults})
        parameters[str(screen)] = values
        if row is None or row.is_enabled:
            enabled.add(str(screen))
    return parameters, enabled


def _check(screen: str, values: dict) -> dict:
    defaults = DEFAULTS[screen]
    errors = []
    for key, value in values.items():
        if key not in defaults:
            errors.append(_("Unknown parameter %(key)s.") % {"key": key})
            continue
        default = defaults[key]
        if isinstance(default, bool):
            ok = isinstance(value, bool)
        elif isinstance(default, int | float) or default is None:
            ok = value is None and default is None or (isinstance(value, int | float) and not isinstance(value, bool))
            if ok and value is not None and value < 0:
                ok = False
        elif isinstance(default, dict):
            ok = isinstance(value, dict) and all(isinstance(v, int | float) and 0 <= v <= 1 for v in value.values())
        elif isinstance(default, list):
            ok = isinstance(value, list) and set(value) <= set(default)
        else:
            ok = isinstance(value, type(default))
        if not ok:
            errors.append(_("The value of %(key)s is not valid.") % {"key": key})
    if errors:
        raise DomainError(" ".join(errors))
    return values


@transaction.atomic
def update_parameters(*, screen: str, actor, values: dict, is_enabled: bool = True) -> ScreenParameter:
    """Set some of a screen's parameters (the rest keep their defaults) and switch it on or off."""
    if actor is None or not actor.has_perm(CHANGE):
        raise PermissionRefused()
    if screen not in Screen.values:
        raise DomainError(_("Unknown screen."))
    row, _created = ScreenParameter.objects.select_for_update().get_or_create(screen=screen)
    row.values = {**row.values, **_check(screen, values)}
    row.is_enabled = is_enabled
    row.updated_by = actor
    row.full_clean()
    row.save()
    return row
