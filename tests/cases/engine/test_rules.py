"""cases.rules is the one permission source: the buttons (available_actions), the services and
templates ({% test_rule %}) give the same answer for every member of the team."""


import pytest
from django.db import transaction
from django.template import Context, Template

from cases import rules as case_rules
from cases import selectors, services
from cases.models import Case, State
from portal.errors import PermissionRefused
from tests.factories.cases import CaseFactory, advance

pytestmark = pytest.mark.django_db

STAFF = ["intake", "supervisor", "head", "deputy_head", "handler", "grid_handler", "grid_supervisor",
         "other_handler", "auditor", "citizen"]
CALLS = {
    "accept": lambda case, user: services.accept(case_id=case.pk, actor=user),
    "approve_decision": lambda case, user: services.approve_decision(case_id=case.pk, actor=user),
    "send_back": lambda case, user: services.send_back(case_id=case.pk, actor=user, note="请补充证据"),
    "add_internal_note": lambda case, user: services.add_internal_note(case_id=case.pk, actor=user, note="备注"),
}
STATE_FOR = {"accept": State.SUBMITTED, "approve_decision": State.UNDER_REVIEW, "send_back": State.UNDER_REVIEW,
             "add_internal_note": State.UNDER_REVIEW}


def service_permits(action, case, user) -> bool:
    """Run the service in a savepoint that is rolled back: did it pass the permission check?"""
    try:
        with transaction.atomic():
            CALLS[action](case, user)
            transaction.set_rollback(True)
    except PermissionRefused:
        return False
    return True


@pytest.mark.parametrize("action", list(CALLS))
def test_buttons_services_and_templates_agree_for_everyone(team, action):
    case = CaseFactory()
    if STATE_FOR[action] != State.SUBMITTED:
        case = advance(case, team, STATE_FOR[action])
    template = Template('{% load rules %}{% test_rule rule user case as ok %}{{ ok }}')
    answers = {}
    for name in STAFF:
        user = getattr(team, name)
        case = Case.objects.get(pk=case.pk)
        rule = case_rules.allowed(action, user, case)
        button = action in selectors.available_actions(user, case)
        in_template = template.render(Context({"rule": f"cases:{action}", "user": user, "case": case})) == "True"
        assert rule == button == in_template == service_permits(action, case, user), (name, action)
        answers[name] = rule
    assert any(answers.values()) and not all(answers.values()), answers


def test_the_proposer_is_told_why_they_cannot_approve(team):
    case = advance(CaseFactory(), team, State.UNDER_REVIEW)
    with pytest.raises(PermissionRefused) as refused:
        services.approve_decision(case_id=case.pk, actor=team.handler)
    assert "separation of duties" in str(refused.value.message) or "不相容岗位分离" in str(refused.value.message)


def test_a_missing_actor_is_refused_by_every_rule(team):
    case = advance(CaseFactory(), team, State.UNDER_REVIEW)
    for action in case_rules.CASE_RULES:
        with pytest.raises(PermissionRefused):
            case_rules.require(action, None, case)
    assert selectors.available_actions(None, case) == []


def test_transition_rules_read_their_permission_from_the_workflow():
    assert set(case_rules.TRANSITION_PERMISSION) >= set(case_rules.TRANSITION_SERVICES)
