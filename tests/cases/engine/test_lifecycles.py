"""Each kind walked through its whole life via the services, as the people involved would."""

import datetime as dt
from decimal import Decimal

import pytest

from cases import selectors, services
from cases.models import Case, Measure, Outcome, PausedInterval, Satisfaction, State
from portal.request_context import RequestContext, serving
from tests.factories.cases import CaseFactory, at, organisation_filer, procurement_project
from tests.factories.directory import TradingProjectFactory

pytestmark = pytest.mark.django_db

D = dt.date


def reload(case):
    return Case.objects.get(pk=case.pk)


def actions(case):
    return list(case.events.order_by("created_at", "pk").values_list("action", flat=True))


def test_tendering_complaint_from_filing_to_closure(team):
    with at(D(2026, 3, 2)), serving(RequestContext(client_address="203.0.113.5", request_id="req-1")):
        submitted = services.submit_case(
            kind="complaint", channel="online", filer_user=team.citizen, **organisation_filer(),
            filer_phone="13800002222", filer_email="legal@hongda.example.cn", project=TradingProjectFactory(), project_text="西湖区道路改造工程",
            matter_type="evaluation_result", title="对西湖区道路改造工程中标候选人公示的投诉",
            facts="第一中标候选人项目经理同时在其他在建项目任职，不满足招标文件要求。", requests="请求取消其中标候选人资格。",
            knew_on=D(2026, 2, 26), objection_raised_on=D(2026, 2, 27), objection_reply="招标人答复维持原结果。",
            objection_replied_on=D(2026, 3, 1),
        )
    case, code = submitted.case, submitted.access_code
    assert case.number == "TS2026000001" and len(code) == 12
    assert selectors.find_case_by_access_code(case.number, code) == case
    assert selectors.find_case_by_access_code(case.number, code[:-1] + ("0" if code[-1] != "0" else "1")) is None
    assert (case.events.get().client_address, case.events.get().request_id) == ("203.0.113.5", "req-1")
    with at(D(2026, 3, 3)):
        case = services.accept(case_id=case.pk, actor=team.intake, note="符合受理条件", expected_version=0)
        case = services.assign(case_id=case.pk, actor=team.intake, department=team.department, handler=team.grid_handler)
    assert case.grid == team.grid  # the handler's grid
    with at(D(2026, 3, 4)):
        case = services.start_handling(case_id=case.pk, actor=team.grid_handler)
        case = services.suspend(case_id=case.pk, actor=team.grid_handler, reason=PausedInterval.Reason.EXPERT_REVIEW,
                                note="组织专家复核项目经理在岗情况")
    with at(D(2026, 3, 10)):
        case = services.resume(case_id=case.pk, actor=team.grid_handler)
    with at(D(2026, 3, 20)):
        case = services.propose_decision(
            case_id=case.pk, actor=team.grid_handler, outcome=Outcome.SUBSTANTIATED,
            measures=[Measure.ORDER_TO_CORRECT, Measure.FINE, Measure.BAD_RECORD], fine_amount="50000",
            decision_text="经查投诉属实：第一中标候选人项目经理存在在建项目，责令招标人重新确定中标人，并处罚款。",
        )
        case = services.send_back(case_id=case.pk, actor=team.head, note="请补充法律依据条款")
        case = services.propose_decision(
            case_id=case.pk, actor=team.grid_handler, outcome=Outcome.SUBSTANTIATED,
            measures=[Measure.ORDER_TO_CORRECT, Measure.FINE, Measure.BAD_RECORD], fine_amount=Decimal("50000"),
            decision_text="依据《招标投标法实施条例》第六十一条，投诉属实，责令改正，罚款五万元，记入不良行为记录。",
        )
        case = services.approve_decision(case_id=case.pk, actor=team.head, note="同意")
    assert case.approved_by == team.head and case.proposed_by == team.grid_handler
    assert case.fine_amount == Decimal("50000")
    with at(D(2026, 3, 23)):
        case = services.reply_to_filer(case_id=case.pk, actor=team.grid_handler, reply_text="投诉属实，已责令改正并处罚。")
        case = services.rate_satisfaction(case_id=case.pk, filer_user=team.citizen, satisfied=True, comment="处理及时")
    case = reload(case)
    assert (case.state, case.satisfaction, case.closed_at is not None) == (State.CLOSED, Satisfaction.SATISFIED, True)
    assert actions(case) == [
        "submitted", "accepted", "assigned", "started", "suspended", "resumed", "decision_proposed", "sent_back",
        "decision_proposed", "decision_approved", "replied", "rated",
    ]
    timeline = selectors.public_timeline(case)
    assert [t["action"] for t in timeline] == [
        "submitted", "accepted", "assigned", "started", "suspended", "resumed", "decision_approved", "replied", "rated",
    ]
    assert all("t_" not in (t["text"] or "") for t in timeline)  # no staff names
    assert case.version == 11  # one per transition after filing
    assert selectors.cases_of_filer(team.citizen).get() == case


def test_procurement_complaint_dissatisfied_once_then_closed(team):
    case = CaseFactory(project=procurement_project(), filer_user=team.citizen)
    for step in (
        lambda: services.accept(case_id=case.pk, actor=team.intake),
        lambda: services.assign(case_id=case.pk, actor=team.intake, department=team.department),
        lambda: services.start_handling(case_id=case.pk, actor=team.handler),
        lambda: services.propose_decision(case_id=case.pk, actor=team.handler, outcome=Outcome.DISMISSED, measures=[],
                                          decision_text="投诉缺乏事实依据，驳回投诉。"),
        lambda: services.approve_decision(case_id=case.pk, actor=team.deputy_head),
        lambda: services.reply_to_filer(case_id=case.pk, actor=team.intake, reply_text="驳回投诉。"),
    ):
        step()
    assert reload(case).handler == team.handler  # whoever starts becomes the handler
    case = services.rate_satisfaction(case_id=case.pk, filer_user=team.citizen, satisfied=False, comment="不认可")
    assert (case.state, case.rehandled) == (State.INVESTIGATING, True)
    services.propose_decision(case_id=case.pk, actor=team.handler, outcome=Outcome.DISMISSED, measures=[],
                              decision_text="重新调查后仍驳回投诉。")
    services.approve_decision(case_id=case.pk, actor=team.head)
    services.reply_to_filer(case_id=case.pk, actor=team.handler, reply_text="重新调查后仍驳回。")
    case = services.rate_satisfaction(case_id=case.pk, filer_user=team.citizen, satisfied=False, comment="仍不认可")
    assert (case.state, case.satisfaction) == (State.CLOSED, Satisfaction.DISSATISFIED)  # re-opened only once


def test_anonymous_report_stays_hidden_until_revealed(team):
    case = CaseFactory(kind="report", project=None, is_anonymous=True, filer_phone="13900009999",
                       title="举报某项目围标串标", facts="多家投标人投标文件由同一电脑制作，报价呈等差数列。")
    assert case.number.startswith("JB") and case.is_confidential
    services.accept(case_id=case.pk, actor=team.intake)
    services.assign(case_id=case.pk, actor=team.intake, department=team.department, handler=team.handler)
    assert selectors.filer_identity(team.handler, case) is None
    assert selectors.filer_identity(team.intake, case) is None
    services.start_handling(case_id=case.pk, actor=team.handler)
    services.propose_decision(case_id=case.pk, actor=team.handler, outcome=Outcome.PARTLY_SUBSTANTIATED,
                              measures=[Measure.WARNING, Measure.REPORTER_REWARD],
                              decision_text="部分属实，对相关投标人予以警告，并对举报人给予奖励。")
    services.approve_decision(case_id=case.pk, actor=team.head)
    identity = services.reveal_identity(case_id=case.pk, actor=team.supervisor, reason="发放举报奖励需核实身份")
    assert identity["filer_phone"] == "13900009999"
    event = case.events.get(action="identity_revealed")
    assert (event.actor, event.note, event.is_public) == (team.supervisor, "发放举报奖励需核实身份", False)
    services.reply_to_filer(case_id=case.pk, actor=team.handler, reply_text="举报部分属实，已依法处理。")
    assert reload(case).state == State.REPLIED


def test_confidential_named_report_hidden_from_department_but_not_from_the_filer(team):
    case = CaseFactory(kind="report", project=None, is_confidential=True, filer_user=team.citizen,
                       title="举报评标专家收受好处", facts="评标专家李某在评标前与投标人私下接触。")
    services.accept(case_id=case.pk, actor=team.intake)
    services.assign(case_id=case.pk, actor=team.intake, department=team.department)
    assert selectors.filer_identity(team.head, case) is None
    assert selectors.filer_identity(team.citizen, case)["filer_name"] == "张伟"


def test_suggestion_answered_and_closed(team):
    case = CaseFactory(kind="suggestion", project=None, title="建议推行不见面开标", facts="建议全面推行远程不见面开标。")
    assert case.number.startswith("JY")
    services.accept(case_id=case.pk, actor=team.intake)
    services.assign(case_id=case.pk, actor=team.intake, department=team.department, handler=team.handler)
    services.start_handling(case_id=case.pk, actor=team.handler)
    services.propose_decision(case_id=case.pk, actor=team.handler, outcome=Outcome.UNSUBSTANTIATED, measures=[],
                              decision_text="建议已采纳，将于下季度推行。")
    services.approve_decision(case_id=case.pk, actor=team.head)
    services.reply_to_filer(case_id=case.pk, actor=team.handler, reply_text="感谢您的建议，已采纳。")
    case = services.rate_satisfaction(access_proven=True, case_id=case.pk, satisfied=True)
    assert case.state == State.CLOSED


def test_returned_case_is_reassigned_to_another_department(team):
    case = CaseFactory()
    services.accept(case_id=case.pk, actor=team.intake)
    services.assign(case_id=case.pk, actor=team.intake, department=team.department)
    case = services.return_to_office(case_id=case.pk, actor=team.head, reason="该项目属交通工程，非我局监管")
    assert (case.state, case.department) == (State.ACCEPTED, None)
    case = services.assign(case_id=case.pk, actor=team.intake, department=team.other_department)
    assert case.department == team.other_department
    assert not selectors.visible_cases(team.handler).filter(pk=case.pk).exists()


def test_withdrawal_refused_keeps_handling_then_approved(team):
    case = CaseFactory(filer_user=team.citizen)
    services.accept(case_id=case.pk, actor=team.intake)
    services.assign(case_id=case.pk, actor=team.intake, department=team.department, handler=team.handler)
    services.start_handling(case_id=case.pk, actor=team.handler)
    case = services.request_withdrawal(case_id=case.pk, filer_user=team.citizen, reason="已与招标人达成和解")
    assert "decide_withdrawal" in selectors.available_actions(team.head, case)
    assert "decide_withdrawal" not in selectors.available_actions(team.intake, case)  # referred: the department decides
    case = services.decide_withdrawal(case_id=case.pk, actor=team.head, approve=False,
                                      note="已查明存在违法行为，依法不予撤回，继续调查")
    assert case.state == State.INVESTIGATING and case.withdrawal_requested_at is None
    services.request_withdrawal(case_id=case.pk, filer_user=team.citizen, reason="再次申请撤回")
    case = services.decide_withdrawal(case_id=case.pk, actor=team.head, approve=True, note="同意撤回")
    assert case.state == State.WITHDRAWN
    assert [e for e in actions(case) if "withdrawal" in e] == [
        "withdrawal_requested", "withdrawal_refused", "withdrawal_requested", "withdrawal_approved"]


def test_office_decides_withdrawal_before_referral(team):
    case = CaseFactory()
    services.request_withdrawal(access_proven=True, case_id=case.pk, reason="误投")
    case = services.decide_withdrawal(case_id=case.pk, actor=team.intake, approve=True, note="同意")
    assert case.state == State.WITHDRAWN


def test_transfer_to_outside_body(team):
    case = CaseFactory(kind="report", project=None, is_anonymous=True, title="举报公职人员插手招投标",
                       facts="某局工作人员为特定投标人打招呼。")
    services.accept(case_id=case.pk, actor=team.intake)
    case = services.transfer_out(case_id=case.pk, actor=team.intake, authority=team.outside_body,
                                 reason="涉嫌公职人员违纪违法")
    assert (case.state, case.transferred_to) == (State.TRANSFERRED, team.outside_body)


def test_open_case_for_other_apps(team):
    case = services.open_case(kind="report", channel="monitoring", actor=team.supervisor,
                              title="围标串标预警线索：5家投标人共用联系电话", facts="监测模型发现异常关联。",
                              source_reference="monitoring-lead-17")
    assert case.state == State.SUBMITTED and case.number.startswith("JB")
    assert case.acceptance_due is not None
    event = case.events.get()
    assert (event.action, event.actor) == ("opened", team.supervisor)
    case = services.accept(case_id=case.pk, actor=team.intake)
    assert case.state == State.ACCEPTED
