"""Action forms through the real back-office URLs: allowed actions succeed, forbidden ones are
refused, bad input shows errors and keeps what was typed, stale versions are refused."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from cases import services
from cases.models import Case, ExtensionRequest, Kind, Measure, Outcome, PausedInterval, State, SupervisionNotice
from tests.factories.cases import CaseFactory, advance, case_in_state

pytestmark = pytest.mark.django_db


def action_url(case, action):
    return reverse("cases_action", args=[case.pk, action])


def fresh(case):
    return Case.objects.get(pk=case.pk)  # refresh_from_db() cannot reset the protected state


def post(client, case, action, **data):
    data.setdefault("version", fresh(case).version)
    return client.post(action_url(case, action), data)


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def assert_done(response, case, state=None):
    assert response.status_code == 302, response.context and response.context["form"].errors
    assert response["Location"] == reverse("cases_case", args=[case.pk])
    case = fresh(case)
    if state:
        assert case.state == state
    return case


def test_office_accepts_and_refers(team, client_for):
    case = CaseFactory()
    client = client_for(team.intake)
    assert client.get(action_url(case, "accept")).status_code == 200
    case = assert_done(post(client, case, "accept", note="材料齐全"), case, State.ACCEPTED)
    response = post(client, case, "assign", department=team.department.pk, grid=team.grid.pk,
                    handler=team.grid_handler.pk, note="请依法办理")
    case = assert_done(response, case, State.ASSIGNED)
    assert (case.department, case.grid, case.handler) == (team.department, team.grid, team.grid_handler)
    assert case.events.filter(action="assigned", actor=team.intake).exists()


def test_assign_form_refuses_a_grid_or_handler_of_another_department(team, client_for):
    case = case_in_state(team, State.ACCEPTED)
    response = post(client_for(team.intake), case, "assign", department=team.other_department.pk,
                    grid=team.grid.pk, handler=team.handler.pk, note="转交通局")
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "grid" in errors and "handler" in errors
    assert "转交通局" in response.content.decode()  # what was typed is kept
    case = fresh(case)
    assert case.state == State.ACCEPTED


def test_rejection_needs_a_statutory_reason_and_keeps_the_text(team, client_for):
    case = CaseFactory()
    client = client_for(team.intake)
    response = post(client, case, "reject", reason="", text="超过投诉时限")
    assert response.status_code == 200 and "reason" in response.context["form"].errors
    assert "超过投诉时限" in response.content.decode()
    case = assert_done(post(client, case, "reject", reason="late", text="超过投诉时限"), case, State.REJECTED)
    assert case.rejection_reason == "late"


def test_supplement_request(team, client_for):
    case = CaseFactory()
    response = post(client_for(team.intake), case, "request_supplement", request_text="请补充异议答复材料。")
    case = assert_done(response, case, State.NEEDS_SUPPLEMENT)
    assert case.supplement_due is not None


def test_a_handler_cannot_take_office_actions(team, client_for):
    case = case_in_state(team, State.ASSIGNED)
    client = client_for(team.handler)
    response = client.get(action_url(case, "assign"))
    assert response.status_code == 302 and messages_of(response)
    response = post(client, case, "transfer_out", authority=team.outside_body.pk, reason="移送")
    assert response.status_code == 302
    case = fresh(case)
    assert case.state == State.ASSIGNED


def test_an_action_not_possible_in_the_state_is_refused_with_a_message(team, client_for):
    case = case_in_state(team, State.INVESTIGATING)
    response = post(client_for(team.intake), case, "accept", note="")
    assert response.status_code == 302 and messages_of(response)
    case = fresh(case)
    assert case.state == State.INVESTIGATING


def test_unknown_action_is_404(team, client_for):
    case = CaseFactory()
    assert client_for(team.intake).get(action_url(case, "delete")).status_code == 404


def test_handler_handles_suspends_resumes_and_proposes(team, client_for):
    case = case_in_state(team, State.ASSIGNED)
    client = client_for(team.handler)
    case = assert_done(post(client, case, "start_handling"), case, State.INVESTIGATING)
    case = assert_done(post(client, case, "suspend", reason=PausedInterval.Reason.EXPERT_REVIEW, note="专家复核"),
                case, State.SUSPENDED)
    case = assert_done(post(client, case, "resume", note="复核完成"), case, State.INVESTIGATING)
    response = post(client, case, "propose_decision", outcome=Outcome.SUBSTANTIATED, decision_text="经查属实。",
                    measures=[Measure.ORDER_TO_CORRECT, Measure.FINE], fine_amount="50000")
    case = assert_done(response, case, State.UNDER_REVIEW)
    assert case.measures == [Measure.ORDER_TO_CORRECT, Measure.FINE] and case.fine_amount == 50000


def test_bad_decision_input_shows_errors_and_keeps_the_text(team, client_for):
    case = case_in_state(team, State.INVESTIGATING)
    client = client_for(team.handler)
    response = post(client, case, "propose_decision", outcome=Outcome.SUBSTANTIATED,
                    decision_text="约谈了事的决定草稿", measures=[Measure.TALK])
    assert response.status_code == 200
    assert "measures" in response.context["form"].errors
    assert "约谈了事的决定草稿" in response.content.decode()
    response = post(client, case, "propose_decision", outcome=Outcome.SUBSTANTIATED,
                    decision_text="罚款决定草稿", measures=[Measure.FINE])
    assert "fine_amount" in response.context["form"].errors
    case = fresh(case)
    assert case.state == State.INVESTIGATING


def test_the_proposer_cannot_approve_their_own_decision(team, client_for):
    case = case_in_state(team, State.INVESTIGATING)
    services.propose_decision(case_id=case.pk, actor=team.head, outcome=Outcome.UNSUBSTANTIATED, measures=[],
                              decision_text="经查不属实。")
    response = post(client_for(team.head), case, "approve_decision", note="同意")
    assert response.status_code == 302 and messages_of(response)
    case = fresh(case)
    assert case.state == State.UNDER_REVIEW
    case = assert_done(post(client_for(team.deputy_head), case, "approve_decision", note="同意"), case, State.DECIDED)


def test_head_sends_back_and_handler_replies(team, client_for):
    case = case_in_state(team, State.UNDER_REVIEW)
    response = post(client_for(team.head), case, "send_back", note="")
    assert response.status_code == 200 and "note" in response.context["form"].errors
    case = assert_done(post(client_for(team.head), case, "send_back", note="证据不足，补充调查"), case, State.INVESTIGATING)
    advance(case, team, State.DECIDED)
    case = assert_done(post(client_for(team.handler), case, "reply_to_filer", reply_text="经调查，投诉事项不成立。"),
                case, State.REPLIED)


def test_a_stale_form_is_refused_and_keeps_what_was_typed(team, client_for):
    case = case_in_state(team, State.INVESTIGATING)
    seen_version = case.version
    services.add_internal_note(case_id=case.pk, actor=team.head, note="notes do not change the version")
    services.suspend(case_id=case.pk, actor=team.head, reason=PausedInterval.Reason.TESTING, note="送检")
    services.resume(case_id=case.pk, actor=team.head, note="检测完成")
    response = client_for(team.handler).post(action_url(case, "propose_decision"), {
        "version": seen_version, "outcome": Outcome.UNSUBSTANTIATED, "decision_text": "我写了很久的决定书", "measures": [],
    })
    assert response.status_code == 200
    page = response.content.decode()
    assert "我写了很久的决定书" in page
    assert response.context["form"].non_field_errors()
    case = fresh(case)
    assert case.state == State.INVESTIGATING
    assert f'value="{case.version}"' in page  # submitting again is possible after checking the case
    response = client_for(team.handler).post(action_url(case, "propose_decision"), {
        "version": case.version, "outcome": Outcome.UNSUBSTANTIATED, "decision_text": "我写了很久的决定书", "measures": [],
    })
    case = assert_done(response, case, State.UNDER_REVIEW)


def test_a_stale_form_for_an_action_no_longer_possible_keeps_the_text_without_a_submit(team, client_for):
    case = CaseFactory()
    seen_version = case.version
    services.accept(case_id=case.pk, actor=team.intake, note="")
    response = client_for(team.intake).post(action_url(case, "reject"), {
        "version": seen_version, "reason": "late", "text": "已超期的说明"})
    assert response.status_code == 200
    assert "已超期的说明" in response.content.decode()
    assert response.context["action_available"] is False
    case = fresh(case)
    assert case.state == State.ACCEPTED


def test_withdrawal_and_transfer(team, client_for):
    case = case_in_state(team, State.ACCEPTED)
    services.request_withdrawal(access_proven=True, case_id=case.pk, reason="已协商解决")
    response = post(client_for(team.intake), case, "decide_withdrawal", approve="yes", note="同意撤回")
    case = assert_done(response, case, State.WITHDRAWN)
    other = case_in_state(team, State.ACCEPTED)
    response = post(client_for(team.intake), other, "transfer_out", authority=team.outside_body.pk,
                    reason="涉嫌违纪，移送纪委监委")
    assert_done(response, other, State.TRANSFERRED)


def test_extension_requested_by_the_department_and_decided_by_the_office(team, client_for):
    case = case_in_state(team, State.INVESTIGATING)
    response = post(client_for(team.handler), case, "request_extension", deadline="decision", workdays=10,
                    reason="需专家论证")
    case = assert_done(response, case)
    extension = ExtensionRequest.objects.get(case=case)
    listing = client_for(team.supervisor).get(reverse("cases_extensions"))
    assert case.number in listing.content.decode()
    assert client_for(team.handler).get(reverse("cases_extensions")).status_code == 302  # refused
    decide_url = reverse("cases_extension_decide", args=[extension.pk])
    assert client_for(team.handler).post(decide_url, {"approve": "yes"}).status_code == 302
    extension.refresh_from_db()
    assert extension.status == ExtensionRequest.Status.PENDING
    response = client_for(team.supervisor).post(decide_url, {"approve": "no", "note": ""})
    assert response.status_code == 200 and "note" in response.context["form"].errors
    old_due = case.decision_due
    response = client_for(team.supervisor).post(decide_url, {"approve": "yes", "note": "同意"})
    assert response.status_code == 302
    extension.refresh_from_db()
    case = fresh(case)
    assert extension.status == ExtensionRequest.Status.APPROVED and case.decision_due > old_due


def test_manual_supervision_notice_and_internal_note(team, client_for):
    case = case_in_state(team, State.INVESTIGATING)
    case = assert_done(post(client_for(team.supervisor), case, "issue_supervision_notice", note="请加快办理"), case)
    assert SupervisionNotice.objects.filter(case=case, is_automatic=False, issued_by=team.supervisor).exists()
    refused = post(client_for(team.handler), case, "issue_supervision_notice", note="自己督办自己")
    assert refused.status_code == 302 and SupervisionNotice.objects.filter(case=case).count() == 1
    case = assert_done(post(client_for(team.handler), case, "add_internal_note", note="已约谈招标人"), case)
    assert case.events.filter(action="internal_note", note="已约谈招标人").exists()
    page = client_for(team.head).get(reverse("cases_case", args=[case.pk])).content.decode()
    assert "已约谈招标人" in page


def test_revealing_a_confidential_identity_is_a_permissioned_recorded_action(team, client_for):
    case = CaseFactory(kind=Kind.REPORT, filer_name="秘密举报人", is_confidential=True)
    advance(case, team, State.ASSIGNED)
    refused = post(client_for(team.handler), case, "reveal_identity", reason="想知道")
    assert refused.status_code == 302 and "秘密举报人" not in refused.content.decode()
    page = client_for(team.supervisor).get(reverse("cases_case", args=[case.pk])).content.decode()
    assert "秘密举报人" not in page
    response = post(client_for(team.supervisor), case, "reveal_identity", reason="需联系举报人核实线索")
    assert response.status_code == 200 and "秘密举报人" in response.content.decode()
    event = case.events.get(action="identity_revealed")
    assert event.actor == team.supervisor and event.note == "需联系举报人核实线索"
    assert "秘密举报人" not in client_for(team.supervisor).get(reverse("cases_case", args=[case.pk])).content.decode()
