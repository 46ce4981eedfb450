"""Working-day deadlines (DESIGN §3) computed through the services, with dates checked by hand."""

import datetime as dt

import pytest

from cases import services
from cases.deadlines import remaining_workdays
from cases.models import Case, DeadlinePolicy, PausedInterval, State
from tests.factories.cases import CaseFactory, advance, at, procurement_project

pytestmark = pytest.mark.django_db

D = dt.date


def reload(case):
    return Case.objects.get(pk=case.pk)


def test_tendering_complaint_suspended_across_national_day_2025(team):
    # Received Fri 2025-09-12. Acceptance: 3 WD counted from the next day -> Mon 15, Tue 16, Wed 17.
    with at(D(2025, 9, 12)):
        case = CaseFactory()
    assert case.acceptance_due == D(2025, 9, 17)
    # Accepted Mon 2025-09-15: the 30 WD decision period (招标投标法实施条例 Art. 61) counts from
    # acceptance. 2025 calendar: Sun 09-28 is a make-up working day, 10-01..10-08 are holidays
    # (National Day + Mid-Autumn), Sat 10-11 is a make-up working day.
    # Without suspension: Sep 16-19 (4), 22-26 (9), Sun 28 (10), 29-30 (12), Oct 9-10 (14),
    # Sat 11 (15), 13-17 (20), 20-24 (25), 27-31 (30) -> Fri 2025-10-31.
    with at(D(2025, 9, 15)):
        case = services.accept(case_id=case.pk, actor=team.intake)
        case = services.assign(case_id=case.pk, actor=team.intake, department=team.department, handler=team.handler)
        case = services.start_handling(case_id=case.pk, actor=team.handler)
    assert case.decision_due == D(2025, 10, 31)
    with at(D(2025, 9, 24)):
        case = services.suspend(case_id=case.pk, actor=team.handler, reason=PausedInterval.Reason.TESTING,
                                note="委托检测机构对投标样品进行检测")
    assert reload(case).current_due is None  # the clock stands still
    with at(D(2025, 10, 13)):
        case = services.resume(case_id=case.pk, actor=team.handler, note="检测报告已出具")
    # Paused working days: those after Wed 09-24 up to and including Mon 10-13 (the day handling
    # resumes is the new start day): Sep 25, 26, Sun 28, 29, 30, Oct 9, 10, Sat 11, Mon 13 = 9.
    # Used before the suspension: Sep 16-19, 22-24 = 7; 23 remain from Tue 10-14:
    # Oct 14-17 (4), 20-24 (9), 27-31 (14), Nov 3-7 (19), Nov 10-13 (23) -> Thu 2025-11-13
    # (= 10-31 moved by 9 working days).
    assert case.decision_due == D(2025, 11, 13)
    assert case.events.get(action="resumed").data["paused_workdays"] == 9
    with at(D(2025, 11, 12)):
        left = remaining_workdays(reload(case))
    assert left == {"decision": {"due": D(2025, 11, 13), "workdays_left": 1, "paused": False,
                                 "provisional": False}}


def test_procurement_complaint_decision_counts_from_receipt(team):
    # 财政部令第94号: acceptance 5 WD, decision 30 WD, both from receipt (Mon 2025-09-22).
    # 5 WD: Sep 23, 24, 25, 26, Sun 28 -> 2025-09-28.
    # 30 WD: Sep 23-26 (4), 28 (5), 29-30 (7), Oct 9-10 (9), 11 (10), 13-17 (15), 20-24 (20),
    # 27-31 (25), Nov 3-7 (30) -> Fri 2025-11-07. Acceptance does not move it.
    with at(D(2025, 9, 22)):
        case = CaseFactory(project=procurement_project())
    assert case.deadline_track == "complaint_procurement"
    assert (case.acceptance_due, case.decision_due) == (D(2025, 9, 28), D(2025, 11, 7))
    with at(D(2025, 9, 26)):
        case = services.accept(case_id=case.pk, actor=team.intake)
    assert case.decision_due == D(2025, 11, 7)


def test_supplement_pauses_acceptance_and_restarts_it(team):
    with at(D(2026, 3, 2)):  # Monday
        case = CaseFactory(project=procurement_project())
        case = services.request_supplement(case_id=case.pk, actor=team.intake, request_text="请补充法定代表人签字")
    # Supplement period 5 WD: Mar 3-6, 9 -> 2026-03-09; no acceptance clock meanwhile.
    assert case.supplement_due == D(2026, 3, 9)
    assert case.acceptance_due is None
    assert case.current_deadline == "supplement"
    with at(D(2026, 3, 5)):
        case = services.supplement(access_proven=True, case_id=case.pk, text="已补充签字盖章的投诉书")
    # Everything counting from receipt restarts from Thu 03-05: acceptance 5 WD -> Thu 03-12,
    # decision 30 WD: Mar 6 (1), 9-13 (6), 16-20 (11), 23-27 (16), 30-31 (18), Apr 1-3 (21),
    # [Qingming Sat 04-04..Mon 04-06 off] Apr 7-10 (25), 13-17 (30) -> Fri 2026-04-17.
    assert case.state == State.SUBMITTED
    assert case.counted_from == D(2026, 3, 5)
    assert case.acceptance_due == D(2026, 3, 12)
    assert case.decision_due == D(2026, 4, 17)
    interval = case.paused_intervals.get()
    assert (interval.started_on, interval.ended_on) == (D(2026, 3, 2), D(2026, 3, 5))


def test_supplement_can_be_requested_only_once(team):
    from portal.errors import ActionNotAllowed

    case = CaseFactory()
    services.request_supplement(case_id=case.pk, actor=team.intake, request_text="补充材料")
    services.supplement(access_proven=True, case_id=case.pk, text="已补充")
    with pytest.raises(ActionNotAllowed):
        services.request_supplement(case_id=case.pk, actor=team.intake, request_text="再补充")


def test_approved_extension_moves_the_due_date(team):
    with at(D(2026, 3, 2)):
        case = advance(CaseFactory(), team, State.INVESTIGATING)
    due = case.decision_due
    # 30 WD from Mon 03-02: Mar 3-6 (4), 9-13 (9), 16-20 (14), 23-27 (19), 30-31 (21), Apr 1-3 (24),
    # Apr 7-10 (28), 13-14 (30) -> Tue 2026-04-14.
    assert due == D(2026, 4, 14)
    with at(D(2026, 4, 8)):
        extension = services.request_extension(case_id=case.pk, actor=team.handler, deadline="decision", workdays=10,
                                               reason="需调取银行流水，等待协查回复")
        services.decide_extension(extension_id=extension.pk, actor=team.supervisor, approve=True, note="同意延长")
    extension.refresh_from_db()
    # 10 WD after Tue 04-14: Apr 15-17 (3), 20-24 (8), 27-28 (10) -> 2026-04-28.
    assert extension.new_due == D(2026, 4, 28) == reload(case).decision_due
    assert reload(case).current_due == D(2026, 4, 28)


def test_refused_extension_keeps_the_due_date(team):
    case = advance(CaseFactory(), team, State.INVESTIGATING)
    extension = services.request_extension(case_id=case.pk, actor=team.handler, deadline="decision", workdays=5,
                                           reason="案情复杂")
    services.decide_extension(extension_id=extension.pk, actor=team.supervisor, approve=False, note="理由不充分")
    assert reload(case).decision_due == case.decision_due


def test_suggestion_has_no_acceptance_deadline_and_15_workdays_to_answer(team):
    with at(D(2026, 3, 2)):
        case = CaseFactory(kind="suggestion", title="建议公开评标专家抽取过程", facts="建议在平台直播专家抽取。",
                           project=None)
    assert case.acceptance_due is None
    assert case.decision_due == D(2026, 3, 23)  # 15 WD: Mar 3-6, 9-13, 16-20, 23


def test_rehandling_gets_a_fresh_decision_period(team):
    with at(D(2026, 3, 2)):
        case = advance(CaseFactory(), team, State.REPLIED)
    with at(D(2026, 3, 9)):
        case = services.rate_satisfaction(access_proven=True, case_id=case.pk, satisfied=False, comment="未回应我方提出的评分问题")
    assert case.state == State.INVESTIGATING and case.rehandled
    # 30 WD after Mon 03-09: Mar 10-13 (4), 16-20 (9), 23-27 (14), 30-31 (16), Apr 1-3 (19),
    # Apr 7-10 (23), 13-17 (28), 20-21 (30) -> Tue 2026-04-21.
    assert case.decision_due == D(2026, 4, 21)


def test_policy_edits_apply_to_new_cases(team):
    DeadlinePolicy.objects.filter(track="report").update(acceptance_workdays=2)
    with at(D(2026, 3, 2)):
        case = CaseFactory(kind="report", is_anonymous=True, project=None)
    assert case.acceptance_due == D(2026, 3, 4)
