"""The one permission source for work on inspection plans that the plan's workflow transitions do
not already declare (django-rules). Services enforce these rules (`require`); pages ask them
(`allowed`). Rule names are `inspections:<service name>`; every rule takes (user, plan)."""

from __future__ import annotations

import rules

from inspections.models.plans import PLAN_PERMISSION_DRAW
from portal.errors import PermissionRefused


def has_permission(permission: str):
    """Django's model permission (from the role groups) as a predicate."""
    return rules.predicate(lambda user: user.has_perm(permission), name=f"has_perm:{permission}")


PLAN_RULES = {
    # Whoever may run the draw enters the public value it mixes in; the entry is audited (PlanEvent).
    "enter_public_value": rules.is_authenticated & has_permission(PLAN_PERMISSION_DRAW),
}

for _action, _predicate in PLAN_RULES.items():
    rules.set_rule(f"inspections:{_action}", _predicate)


def allowed(action: str, user, plan) -> bool:
    return user is not None and rules.test_rule(f"inspections:{action}", user, plan)


def require(action: str, user, plan) -> None:
    """Refuse unless the rule allows it; a missing actor is never allowed."""
    if not allowed(action, user, plan):
        raise PermissionRefused()
