"""The one permission source for work on a case (django-rules). Services enforce these rules
(`require`), the case page's buttons come from them (`selectors.available_actions`), and
templates can ask them (`{% load rules %}{% test_rule "cases:accept" user case as may_accept %}`).
A rule changed here changes all three. Whether an action fits the case's *state* is the
workflow's business (django-fsm-2 transitions), not a permission.

Rule names are `cases:<service name>`; every rule takes (user, case)."""

from __future__ import annotations

import rules
from django.utils.translation import gettext_lazy

from cases.models import Case, State
from cases.models.case import ASSIGN, DECIDE_WITHDRAWAL, HANDLE, REPLY, TRANSFER, TRIAGE
from portal.errors import PermissionRefused

SUPERVISE = "cases.supervise_case"
REVEAL = "cases.reveal_identity"
# Office permissions act on every case; department permissions only within the cases one sees.
OFFICE_PERMISSIONS = {TRIAGE, ASSIGN, TRANSFER}
OFFICE_WITHDRAWAL_STATES = (State.SUBMITTED, State.NEEDS_SUPPLEMENT, State.ACCEPTED)


@rules.predicate
def sees_all_cases(user) -> bool:
    from cases.selectors import sees_all_cases as sees_all

    return sees_all(user)


@rules.predicate
def sees_case(user, case: Case) -> bool:
    from cases.selectors import can_see

    return can_see(user, case)


@rules.predicate
def not_the_proposer(user, case: Case) -> bool:
    return case.proposed_by_id is None or case.proposed_by_id != user.pk


@rules.predicate
def decides_withdrawals_of(user, case: Case) -> bool:
    """Before referral the office decides; afterwards the case's own department."""
    if case.state in OFFICE_WITHDRAWAL_STATES or case.department_id is None:
        return sees_all_cases(user)
    profile = getattr(user, "staff_profile", None)
    return profile is not None and profile.department_id == case.department_id and sees_case(user, case)


def has_permission(permission: str):
    """Django's model permission (from the role groups) as a predicate."""
    return rules.predicate(lambda user: user.has_perm(permission), name=f"has_perm:{permission}")


def scoped(permission: str):
    """The permission, within the cases this user may act on."""
    scope = sees_all_cases if permission in OFFICE_PERMISSIONS else sees_case
    return rules.is_authenticated & has_permission(permission) & scope


# The office's supervision (督办, extensions): on every case, so it is also asked without one.
supervises_cases = rules.is_authenticated & has_permission(SUPERVISE) & sees_all_cases


# Transition method -> service name.
TRANSITION_SERVICES = {
    "request_supplement": "request_supplement", "reject": "reject", "accept": "accept", "assign": "assign",
    "return_to_office": "return_to_office", "start": "start_handling", "suspend": "suspend", "resume": "resume",
    "propose_decision": "propose_decision", "approve": "approve_decision", "send_back": "send_back",
    "reply": "reply_to_filer", "transfer_out": "transfer_out",
}
# The permission each transition declares on the model (django-fsm-2), read from there, not repeated.
TRANSITION_PERMISSION = {t.name: t.permission for t in Case._meta.get_field("state").get_all_transitions(Case)}
CASE_RULES = {
    **{service: scoped(TRANSITION_PERMISSION[transition]) for transition, service in TRANSITION_SERVICES.items()},
    # Separation of duties (不相容岗位分离): the proposer never approves.
    "approve_decision": scoped(TRANSITION_PERMISSION["approve"]) & not_the_proposer,
    "request_extension": scoped(HANDLE),
    "decide_withdrawal": rules.is_authenticated & has_permission(DECIDE_WITHDRAWAL) & decides_withdrawals_of,
    "issue_supervision_notice": supervises_cases,
    "decide_extension": supervises_cases,
    "reveal_identity": rules.is_authenticated & has_permission(REVEAL) & sees_case,
    "add_internal_note": rules.is_authenticated & sees_case,
    # The decision document (投诉处理决定书): read by the staff who see the case, its service (送达)
    # recorded by those who handle the case or give the filer feedback.
    "view_decision_document": rules.is_authenticated & sees_case,
    "record_decision_service": scoped(HANDLE) | scoped(REPLY),
}
# Why a rule said no, when the user needs to know more than "not permitted".
REFUSALS = {
    "approve_decision": [(not_the_proposer, gettext_lazy(
        "You proposed this decision: someone else must approve it (separation of duties)."))],
}

for _action, _predicate in CASE_RULES.items():
    rules.set_rule(f"cases:{_action}", _predicate)


def allowed(action: str, user, case: Case) -> bool:
    return rules.test_rule(f"cases:{action}", user, case)


def require(action: str, user, case: Case) -> None:
    """Refuse unless the rule allows it; a missing actor is never allowed."""
    if user is not None and allowed(action, user, case):
        return
    for predicate, message in REFUSALS.get(action, []):
        if user is not None and not predicate.test(user, case):
            raise PermissionRefused(str(message))
    raise PermissionRefused()
