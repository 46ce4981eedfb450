"""The one write path for historical cases (bulk import from earlier records). They keep their
original numbers and states: they are data, not run through the workflow, and each gets an
"imported" event. `cases.resources.HistoricalCaseResource` parses files and calls this."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cases import deadlines
from cases.models import Case, CaseNumberSequence, State
from cases.models.choices import NUMBER_PREFIX
from portal.audit import record_event

NUMBER_PATTERN = re.compile(r"^(TS|JB|JY)(\d{4})(\d{6})$")
DECIDED_STATES = {State.DECIDED, State.REPLIED, State.CLOSED}
# Workflow timestamps must not run backwards.
TIME_ORDER = ["received_at", "accepted_at", "decided_at", "replied_at", "closed_at"]
IMPORT_SOURCE = "historical_import"


def prepare_historical_case(case: Case) -> None:
    """Derive what the workflow would have set (rule set, current deadline) from the row."""
    if case.kind:
        case.deadline_track = deadlines.track_for(kind=case.kind, project=case.project)
    deadlines.refresh_current_deadline(case)


def historical_case_errors(case: Case) -> dict[str, list[str]]:
    """What makes an imported row an impossible case, per field."""
    errors = {}
    match = NUMBER_PATTERN.match(case.number or "")
    if not match:
        errors["number"] = [_("A case number looks like TS2024000123: TS, JB or JY, the year and six digits.")]
    elif case.kind and NUMBER_PREFIX.get(case.kind) != match.group(1):
        errors["number"] = [_("The number of a %(kind)s starts with %(prefix)s.")
                            % {"kind": case.get_kind_display(), "prefix": NUMBER_PREFIX[case.kind]}]
    if case.state == State.REJECTED and not case.rejection_reason:
        errors["rejection_reason"] = [_("A case that was not accepted needs its statutory reason.")]
    if case.state in DECIDED_STATES and not case.outcome:
        errors["outcome"] = [_("A decided case needs its outcome.")]
    if case.state in DECIDED_STATES and not case.decided_at:
        errors["decided_at"] = [_("A decided case needs its decision date.")]
    if case.state == State.CLOSED and not case.closed_at:
        errors["closed_at"] = [_("A closed case needs its closing date.")]
    moments = [(name, getattr(case, name)) for name in TIME_ORDER if getattr(case, name)]
    for (earlier_name, earlier), (later_name, later) in zip(moments, moments[1:], strict=False):
        if later < earlier:
            errors[later_name] = [_("%(later)s is before %(earlier)s.") % {
                "later": Case._meta.get_field(later_name).verbose_name,
                "earlier": Case._meta.get_field(earlier_name).verbose_name}]
    return errors


def validate_historical_case(case: Case, errors: dict | None = None) -> None:
    prepare_historical_case(case)
    errors = dict(errors or {})
    for field, messages in historical_case_errors(case).items():
        errors.setdefault(field, messages)
    try:
        # `state` is protected (set once, at construction, from a checked choice).
        case.full_clean(exclude=[*errors, "state"])
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def import_historical_case(*, case: Case, actor=None) -> Case:
    """Store one new historical case with its "imported" event; never changes an existing case."""
    if case.pk is not None or Case.objects.filter(number=case.number).exists():
        raise ValidationError({"number": _("Case %(number)s already exists: an import never changes existing cases.")
                               % {"number": case.number}})
    validate_historical_case(case)
    case.save()
    _keep_numbering_ahead(case)
    record_event(case, action="imported", actor=actor, actor_label="" if actor is not None else "import",
                 to_state=case.state, data={"source": IMPORT_SOURCE},
                 note=_("Imported from historical records with number %(number)s and state “%(state)s”.")
                 % {"number": case.number, "state": case.get_state_display()})
    return case


def _keep_numbering_ahead(case: Case) -> None:
    """New filings must never reuse an imported number."""
    match = NUMBER_PATTERN.match(case.number)
    year, value = int(match.group(2)), int(match.group(3))
    CaseNumberSequence.objects.get_or_create(kind=case.kind, year=year)
    sequence = CaseNumberSequence.objects.select_for_update().get(kind=case.kind, year=year)
    if sequence.last_value < value:
        sequence.last_value = value
        sequence.save(update_fields=["last_value"])
