"""Every transition tried from every state and by the wrong people: a clear refusal (a
DomainError or a ValidationError), never a crash, and nothing changes."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.utils import translation

from cases import services
from cases.models import Case, Measure, Outcome, State
from cases.models.choices import TRANSFERABLE_STATES, WITHDRAWABLE_STATES
from portal.errors import ActionNotAllowed, DomainError, PermissionRefused, StaleObject
from tests.factories.cases import CaseFactory, advance, case_in_state

pytestmark = pytest.mark.django_db

ALL_STATES = [s.value for s in State]


def calls(team):
    """service name -> (allowed source states, call made by the right person)."""
    return {
        "request_supplement": ({State.SUBMITTED}, lambda c: services.request_supplement(
            case_id=c.pk, actor=team.intake, request_text="补充材料")),
        "supplement": ({State.NEEDS_SUPPLEMENT}, lambda c: services.supplement(access_proven=True, case_id=c.pk, text="已补充")),
        "reject": ({State.SUBMITTED}, lambda c: services.reject(case_id=c.pk, actor=team.intake, reason="late", text="超期")),
        "accept": ({State.SUBMITTED}, lambda c: services.accept(case_id=c.pk, actor=team.intake)),
        "assign": ({State.ACCEPTED}, lambda c: services.assign(case_id=c.pk, actor=team.intake, department=team.department)),
        "return_to_office": ({State.ASSIGNED}, lambda c: services.return_to_office(case_id=c.pk, actor=team.head, reason="非我局")),
        "start_handling": ({State.ASSIGNED}, lambda c: services.start_handling(case_id=c.pk, actor=team.handler)),
        "suspend": ({State.INVESTIGATING}, lambda c: services.suspend(case_id=c.pk, actor=team.handler, reason="testing", note="送检")),
        "resume": ({State.SUSPENDED}, lambda c: services.resume(case_id=c.pk, actor=team.handler)),
        "propose_decision": ({State.INVESTIGATING}, lambda c: services.propose_decision(
            case_id=c.pk, actor=team.handler, outcome=Outcome.UNSUBSTANTIATED, measures=[], decision_text="不属实")),
        "approve_decision": ({State.UNDER_REVIEW}, lambda c: services.approve_decision(case_id=c.pk, actor=team.head)),
        "send_back": ({State.UNDER_REVIEW}, lambda c: services.send_back(case_id=c.pk, actor=team.head, note="补充")),
        "reply_to_filer": ({State.DECIDED}, lambda c: services.reply_to_filer(case_id=c.pk, actor=team.handler, reply_text="答复")),
        "rate_satisfaction": ({State.REPLIED}, lambda c: services.rate_satisfaction(access_proven=True, case_id=c.pk, satisfied=True)),
        "request_withdrawal": (set(WITHDRAWABLE_STATES), lambda c: services.request_withdrawal(access_proven=True, case_id=c.pk, reason="撤回")),
        "transfer_out": (set(TRANSFERABLE_STATES), lambda c: services.transfer_out(
            case_id=c.pk, actor=team.supervisor, authority=team.outside_body, reason="移送")),
    }


@pytest.mark.parametrize("state", ALL_STATES)
def test_every_transition_from_every_state(team, state):
    case = case_in_state(team, state)
    assert case.state == state
    for name, (sources, call) in calls(team).items():
        before = Case.objects.get(pk=case.pk)
        events = case.events.count()
        if state in sources:
            continue
        # Not possible in this state; where the case is outside the actor's department (not yet
        # referred, or no longer), the scope refusal comes first so nothing about it leaks.
        with pytest.raises((ActionNotAllowed, PermissionRefused)) as refused:
            call(before)
        if isinstance(refused.value, PermissionRefused):
            assert before.department_id is None, name
        after = Case.objects.get(pk=case.pk)
        assert (after.state, after.version, case.events.count()) == (state, before.version, events), name


def test_allowed_transitions_succeed_from_their_sources(team):
    # The mirror image: from each source the right person succeeds (one case per pair).
    for name, (sources, call) in calls(team).items():
        for state in sorted(sources):
            case = case_in_state(team, state)
            call(case)
            assert Case.objects.get(pk=case.pk).version == case.version + 1, (name, state)


@pytest.fixture
def investigating(team):
    return case_in_state(team, State.INVESTIGATING)


def test_wrong_roles_are_refused(team):
    submitted = CaseFactory()
    for actor in (team.handler, team.head, team.grid_supervisor, team.auditor, team.citizen, AnonymousUser()):
        with pytest.raises(PermissionRefused):
            services.accept(case_id=submitted.pk, actor=actor)
        with pytest.raises(PermissionRefused):
            services.reject(case_id=submitted.pk, actor=actor, reason="late", text="超期")
    accepted = advance(CaseFactory(), team, State.ACCEPTED)
    for actor in (team.handler, team.head, team.auditor):
        with pytest.raises(PermissionRefused):
            services.assign(case_id=accepted.pk, actor=actor, department=team.department)
        with pytest.raises(PermissionRefused):
            services.transfer_out(case_id=accepted.pk, actor=actor, authority=team.outside_body, reason="移送")
    assert Case.objects.get(pk=submitted.pk).state == State.SUBMITTED
    assert Case.objects.get(pk=accepted.pk).state == State.ACCEPTED


def test_other_department_and_other_grid_cannot_touch_the_case(team):
    case = advance(CaseFactory(), team, State.ASSIGNED)  # handler without grid; case has no grid
    for actor in (team.other_handler, team.grid_handler, team.grid_supervisor, team.intake):
        with pytest.raises(PermissionRefused):
            services.start_handling(case_id=case.pk, actor=actor)
    with pytest.raises(PermissionRefused):
        services.add_internal_note(case_id=case.pk, actor=team.other_handler, note="看看")
    services.start_handling(case_id=case.pk, actor=team.handler)


def test_proposer_cannot_approve_own_decision(team, investigating):
    services.propose_decision(case_id=investigating.pk, actor=team.head, outcome=Outcome.UNSUBSTANTIATED, measures=[],
                              decision_text="不属实")
    with translation.override("zh-hans"), pytest.raises(PermissionRefused) as refused:
        services.approve_decision(case_id=investigating.pk, actor=team.head)
    assert "不相容岗位分离" in str(refused.value.message)
    with pytest.raises(PermissionRefused):
        services.approve_decision(case_id=investigating.pk, actor=team.handler)  # no approval permission
    case = services.approve_decision(case_id=investigating.pk, actor=team.deputy_head)
    assert case.state == State.DECIDED


@pytest.mark.parametrize(("outcome", "measures", "fine", "field"), [
    (Outcome.SUBSTANTIATED, [Measure.TALK], None, "measures"),
    (Outcome.PARTLY_SUBSTANTIATED, [Measure.TALK, Measure.INTERNAL_HANDLING], None, "measures"),
    (Outcome.SUBSTANTIATED, [], None, "measures"),
    (Outcome.SUBSTANTIATED, [Measure.FINE], None, "fine_amount"),
    (Outcome.SUBSTANTIATED, [Measure.FINE], "-5", "fine_amount"),
    (Outcome.SUBSTANTIATED, [Measure.WARNING], "100", "fine_amount"),
    (Outcome.SUBSTANTIATED, ["beheading"], None, "measures"),
    ("", [], None, "outcome"),
])
def test_bad_decisions_are_refused_with_field_errors(team, investigating, outcome, measures, fine, field):
    with pytest.raises(ValidationError) as refused:
        services.propose_decision(case_id=investigating.pk, actor=team.handler, outcome=outcome, measures=measures,
                                  fine_amount=fine, decision_text="处理意见")
    assert field in refused.value.message_dict
    assert Case.objects.get(pk=investigating.pk).state == State.INVESTIGATING


def test_talk_rule_wording_and_talk_with_a_penalty_is_fine(team, investigating):
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        services.propose_decision(case_id=investigating.pk, actor=team.handler, outcome=Outcome.SUBSTANTIATED,
                                  measures=[Measure.TALK], decision_text="约谈了事")
    # The rule's own wording (seeds: 不得以行政约谈、内部处理等代替行政处罚，不得以行政处罚代替刑事处罚).
    assert "不得以行政约谈、内部处理等代替行政处罚" in refused.value.message_dict["measures"][0]
    with pytest.raises(ValidationError) as missing:
        services.propose_decision(case_id=investigating.pk, actor=team.handler, outcome=Outcome.SUBSTANTIATED,
                                  measures=[Measure.WARNING], decision_text="  ")
    assert "decision_text" in missing.value.message_dict
    case = services.propose_decision(case_id=investigating.pk, actor=team.handler, outcome=Outcome.SUBSTANTIATED,
                                     measures=[Measure.TALK, Measure.WARNING], decision_text="警告并约谈")
    assert case.state == State.UNDER_REVIEW


def test_required_texts(team):
    case = CaseFactory()
    with pytest.raises(ValidationError):
        services.reject(case_id=case.pk, actor=team.intake, reason="late", text=" ")
    with pytest.raises(ValidationError):
        services.reject(case_id=case.pk, actor=team.intake, reason="supplement_expired", text="系统原因")
    with pytest.raises(ValidationError):
        services.request_withdrawal(access_proven=True, case_id=case.pk, reason="")
    with pytest.raises(ValidationError):
        services.request_supplement(case_id=case.pk, actor=team.intake, request_text="")


def test_transfer_only_to_outside_bodies_and_assign_only_to_departments(team):
    case = advance(CaseFactory(), team, State.ACCEPTED)
    with pytest.raises(ValidationError):
        services.transfer_out(case_id=case.pk, actor=team.supervisor, authority=team.other_department, reason="移送")
    with pytest.raises(ValidationError):
        services.assign(case_id=case.pk, actor=team.intake, department=team.outside_body)
    with pytest.raises(ValidationError):
        services.assign(case_id=case.pk, actor=team.intake, department=team.department, handler=team.other_handler)


def test_withdrawal_rules(team, investigating):
    with pytest.raises(ActionNotAllowed):  # nothing requested yet
        services.decide_withdrawal(case_id=investigating.pk, actor=team.head, approve=True, note="同意")
    services.request_withdrawal(access_proven=True, case_id=investigating.pk, reason="撤回")
    with pytest.raises(ActionNotAllowed):
        services.request_withdrawal(access_proven=True, case_id=investigating.pk, reason="再次撤回")
    for actor in (team.intake, team.handler):  # office after referral; handler lacks the permission
        with pytest.raises(PermissionRefused):
            services.decide_withdrawal(case_id=investigating.pk, actor=actor, approve=True, note="同意")


def test_filer_account_must_match(team):
    case = CaseFactory(filer_user=team.citizen)
    services.request_supplement(case_id=case.pk, actor=team.intake, request_text="补充")
    with pytest.raises(PermissionRefused):
        services.supplement(case_id=case.pk, filer_user=team.handler, text="冒充补充")
    services.supplement(case_id=case.pk, filer_user=team.citizen, text="补充")


@pytest.mark.parametrize("call", [
    lambda c: services.supplement(case_id=c.pk, text="无人证明的补充"),
    lambda c: services.request_withdrawal(case_id=c.pk, reason="无人证明的撤回"),
    lambda c: services.rate_satisfaction(case_id=c.pk, satisfied=True),
])
def test_a_missing_filer_is_never_trusted(team, call):
    """Without a logged-in filer the caller must say it verified the access code."""
    case = CaseFactory(filer_user=team.citizen)
    before = (case.state, case.version)
    with pytest.raises(PermissionRefused):
        call(case)
    case = Case.objects.get(pk=case.pk)
    assert (case.state, case.version, case.withdrawal_requested_at) == (*before, None)


def test_stale_version_is_refused(team):
    case = CaseFactory()
    services.accept(case_id=case.pk, actor=team.intake, expected_version=case.version)
    with pytest.raises(StaleObject):
        services.assign(case_id=case.pk, actor=team.intake, department=team.department, expected_version=case.version)


def test_identity_reveal_and_supervision_need_their_permissions(team, investigating):
    for actor in (team.intake, team.head, team.handler, team.auditor):
        with pytest.raises(PermissionRefused):
            services.reveal_identity(case_id=investigating.pk, actor=actor, reason="查看")
        with pytest.raises(PermissionRefused):
            services.issue_supervision_notice(case_id=investigating.pk, actor=actor, note="督办")
    extension = services.request_extension(case_id=investigating.pk, actor=team.handler, deadline="decision",
                                           workdays=5, reason="复杂")
    with pytest.raises(PermissionRefused):
        services.decide_extension(extension_id=extension.pk, actor=team.head, approve=True)
    with pytest.raises(ActionNotAllowed):
        services.request_extension(case_id=investigating.pk, actor=team.handler, deadline="decision", workdays=5, reason="再")
    with pytest.raises(ActionNotAllowed):
        services.request_extension(case_id=investigating.pk, actor=team.handler, deadline="acceptance", workdays=5, reason="错")
    services.decide_extension(extension_id=extension.pk, actor=team.supervisor, approve=True)
    with pytest.raises(ActionNotAllowed):
        services.decide_extension(extension_id=extension.pk, actor=team.supervisor, approve=True)
    notice = services.issue_supervision_notice(case_id=investigating.pk, actor=team.supervisor, note="请加快办理")
    assert (notice.is_automatic, notice.deadline) == (False, "decision")


def test_all_domain_errors_carry_a_message(team):
    case = CaseFactory()
    try:
        services.approve_decision(case_id=case.pk, actor=team.head)
    except DomainError as error:
        assert str(error.message)
