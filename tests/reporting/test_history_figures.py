"""Statistics the office can sign (issue: late is late, history is kept, each figure counts what its
name says). Cases go through the real services with the services' clock; every expected figure
is counted by hand from the 2024–2025 calendar (National Day 1–7 Oct 2024 with Sat 12 Oct a
make-up working day; 1 Jan 2025 a holiday)."""

import datetime as dt

import pytest

from cases import services
from cases.models import Case, Kind, Outcome
from directory.calendar import add_workdays
from reporting.figures import TOTAL, Period, compute_statistics
from tests.factories.cases import CaseFactory, at, make_team

Q4_2024 = Period.quarter(2024, 4)
Q1_2025 = Period.quarter(2025, 1)


@pytest.fixture
def team(roles):
    return make_team()


def _walk_to_decision(team, case, *, accepted: dt.date, decided: dt.date, outcome=Outcome.UNSUBSTANTIATED,
                      measures=()):
    with at(accepted):
        services.accept(case_id=case.pk, actor=team.intake)
        services.assign(case_id=case.pk, actor=team.intake, department=team.department, handler=team.handler)
        services.start_handling(case_id=case.pk, actor=team.handler)
    _decide(team, case, on=decided, outcome=outcome, measures=measures)


def _decide(team, case, *, on: dt.date, outcome=Outcome.UNSUBSTANTIATED, measures=()):
    with at(on, 9):
        services.propose_decision(case_id=case.pk, actor=team.handler, outcome=outcome, measures=list(measures),
                                  decision_text="经调查核实，依法作出处理决定。")
    with at(on, 15):
        services.approve_decision(case_id=case.pk, actor=team.head)


def _reply_and_rate(team, case, *, replied: dt.date, rated: dt.date | None = None, satisfied=True):
    with at(replied):
        services.reply_to_filer(case_id=case.pk, actor=team.handler, reply_text="已书面告知处理结果。")
    if rated is not None:
        with at(rated):
            services.rate_satisfaction(case_id=case.pk, satisfied=satisfied, access_proven=True)


def _file(kind=Kind.COMPLAINT, *, on: dt.date, **kwargs):
    with at(on, 9):
        return CaseFactory(kind=kind, **kwargs)


def _figures(period, today):
    return compute_statistics(period, today=today)["metrics"]


def test_the_hand_counts_agree_with_the_calendar(db):
    assert add_workdays(dt.date(2024, 10, 18), 30) == dt.date(2024, 11, 29)  # a Friday
    assert add_workdays(dt.date(2024, 10, 8), 30) == dt.date(2024, 11, 18)
    assert add_workdays(dt.date(2024, 11, 18), 10) == dt.date(2024, 12, 2)
    assert add_workdays(dt.date(2024, 11, 27), 30) == dt.date(2025, 1, 9)
    assert add_workdays(dt.date(2024, 10, 8), 15) == dt.date(2024, 10, 28)


def test_a_decision_on_a_rest_day_after_the_due_date_is_late(team):
    # Accepted Fri 18 Oct, due Fri 29 Nov, decided Sat 30 Nov. The working days used are still 30
    # (Saturday is no working day), which "used <= allowed" counted on time.
    case = _file(on=dt.date(2024, 10, 17))
    _walk_to_decision(team, case, accepted=dt.date(2024, 10, 18), decided=dt.date(2024, 11, 30))
    assert Case.objects.get(pk=case.pk).decision_due == dt.date(2024, 11, 29)
    figures = _figures(Q4_2024, dt.date(2025, 1, 15))
    assert figures["on_time_rate"][TOTAL] == [0, 1]
    assert figures["median_days"][TOTAL] == 30.0


def test_rehandling_keeps_the_first_round_in_its_quarter_and_gets_no_old_extension(team):
    # Accepted Tue 8 Oct (due 18 Nov); an approved extension of 10 working days moves it to 2 Dec.
    case = _file(on=dt.date(2024, 10, 8))
    with at(dt.date(2024, 10, 8)):
        services.accept(case_id=case.pk, actor=team.intake)
        services.assign(case_id=case.pk, actor=team.intake, department=team.department, handler=team.handler)
        services.start_handling(case_id=case.pk, actor=team.handler)
    with at(dt.date(2024, 11, 11)):
        extension = services.request_extension(case_id=case.pk, actor=team.handler, deadline="decision", workdays=10,
                                               reason="需组织专家论证。")
        services.decide_extension(extension_id=extension.pk, actor=team.supervisor, approve=True)
    assert Case.objects.get(pk=case.pk).decision_due == dt.date(2024, 12, 2)
    # Round 1: decided Mon 25 Nov (on time), reply 26 Nov, dissatisfied 27 Nov: re-handled with a
    # fresh 30 working days from 27 Nov, due Thu 9 Jan 2025, without the first round's extension.
    _decide(team, case, on=dt.date(2024, 11, 25))
    _reply_and_rate(team, case, replied=dt.date(2024, 11, 26), rated=dt.date(2024, 11, 27), satisfied=False)
    assert Case.objects.get(pk=case.pk).decision_due == dt.date(2025, 1, 9)
    q4_on_its_last_day = compute_statistics(Q4_2024, today=dt.date(2024, 12, 31))

    # Round 2: decided Fri 10 Jan 2025, a day late (the old figure counted 31 used of "40 allowed").
    _decide(team, case, on=dt.date(2025, 1, 10), outcome=Outcome.PARTLY_SUBSTANTIATED, measures=["order_to_correct", "warning"])
    _reply_and_rate(team, case, replied=dt.date(2025, 1, 13), rated=dt.date(2025, 1, 14), satisfied=True)

    q4_today = compute_statistics(Q4_2024, today=dt.date(2026, 6, 1))
    assert q4_today["metrics"] == q4_on_its_last_day["metrics"]
    assert q4_today["trends"] == q4_on_its_last_day["trends"]
    q4 = q4_today["metrics"]
    assert q4["decided"][TOTAL] == 1
    assert q4["on_time_rate"][TOTAL] == [1, 1]
    assert q4["satisfaction_rate"][TOTAL] == [0, 1]  # the dissatisfied first rating stays counted
    assert q4["substantiated_rate"][TOTAL] == [0, 1]
    q1 = _figures(Q1_2025, dt.date(2026, 6, 1))
    assert q1["decided"][TOTAL] == 1
    assert q1["on_time_rate"][TOTAL] == [0, 1]
    assert q1["median_days"][TOTAL] == 31.0  # 27 Nov → 10 Jan: 30 to 9 Jan, plus 10 Jan
    assert q1["satisfaction_rate"][TOTAL] == [1, 1]
    assert q1["substantiated_rate"][TOTAL] == [1, 1]


def test_every_rating_counts_in_its_own_quarter(team):
    case = _file(on=dt.date(2024, 10, 8))
    _walk_to_decision(team, case, accepted=dt.date(2024, 10, 8), decided=dt.date(2024, 11, 1))
    _reply_and_rate(team, case, replied=dt.date(2024, 11, 4), rated=dt.date(2024, 11, 5), satisfied=False)
    _decide(team, case, on=dt.date(2024, 11, 20))
    _reply_and_rate(team, case, replied=dt.date(2024, 11, 21), rated=dt.date(2024, 11, 22), satisfied=True)
    q4 = _figures(Q4_2024, dt.date(2025, 1, 15))
    assert q4["satisfaction_rate"][TOTAL] == [1, 2]
    assert q4["decided"][TOTAL] == 2
    assert q4["rehandled"][TOTAL] == 1


def test_substantiated_rate_counts_complaints_and_reports_only(team):
    complaint = _file(on=dt.date(2024, 10, 8))
    _walk_to_decision(team, complaint, accepted=dt.date(2024, 10, 8), decided=dt.date(2024, 11, 1),
                      outcome=Outcome.SUBSTANTIATED, measures=["warning"])
    report = _file(Kind.REPORT, on=dt.date(2024, 10, 8), project=None, matter_type="")
    _walk_to_decision(team, report, accepted=dt.date(2024, 10, 8), decided=dt.date(2024, 11, 4))
    suggestion = _file(Kind.SUGGESTION, on=dt.date(2024, 10, 8), project=None, matter_type="")
    _walk_to_decision(team, suggestion, accepted=dt.date(2024, 10, 8), decided=dt.date(2024, 10, 25),
                      outcome=Outcome.SUBSTANTIATED, measures=["order_to_correct", "warning"])
    q4 = _figures(Q4_2024, dt.date(2025, 1, 15))
    assert q4["decided"][TOTAL] == 3
    assert q4["substantiated_rate"][TOTAL] == [1, 2]
    assert q4["substantiated_rate_complaint"][TOTAL] == [1, 1]
    assert q4["substantiated_rate_report"][TOTAL] == [0, 1]


def test_a_suggestion_is_on_time_when_replied_within_its_period(team):
    # Received Tue 8 Oct: reply due within 15 working days, Mon 28 Oct. Decided 25 Oct (in time)
    # but replied Wed 30 Oct: late, 17 working days after receipt. The case page's reply due date
    # is the same 28 Oct.
    late = _file(Kind.SUGGESTION, on=dt.date(2024, 10, 8), project=None, matter_type="")
    _walk_to_decision(team, late, accepted=dt.date(2024, 10, 9), decided=dt.date(2024, 10, 25))
    assert Case.objects.get(pk=late.pk).reply_due == dt.date(2024, 10, 28)
    _reply_and_rate(team, late, replied=dt.date(2024, 10, 30))
    timely = _file(Kind.SUGGESTION, on=dt.date(2024, 10, 8), project=None, matter_type="")
    _walk_to_decision(team, timely, accepted=dt.date(2024, 10, 9), decided=dt.date(2024, 10, 21))
    _reply_and_rate(team, timely, replied=dt.date(2024, 10, 22))
    q4 = _figures(Q4_2024, dt.date(2025, 1, 15))
    assert q4["on_time_rate"][TOTAL] == [1, 2]
    assert q4["median_days"][TOTAL] == 14.0  # 17 and 11 working days


def test_overdue_at_the_end_of_a_quarter_does_not_depend_on_when_it_is_computed(team):
    # Accepted 8 Oct, due 18 Nov, still open on 31 Dec: overdue at the end of Q4. Decided in
    # January and replied to, it must stay counted for Q4 and not count for Q1 2025 (as at 31 March).
    case = _file(on=dt.date(2024, 10, 8))
    with at(dt.date(2024, 10, 8)):
        services.accept(case_id=case.pk, actor=team.intake)
        services.assign(case_id=case.pk, actor=team.intake, department=team.department, handler=team.handler)
    on_the_day = _figures(Q4_2024, dt.date(2024, 12, 31))
    with at(dt.date(2025, 1, 6)):
        services.start_handling(case_id=case.pk, actor=team.handler)
    _decide(team, case, on=dt.date(2025, 1, 8))
    _reply_and_rate(team, case, replied=dt.date(2025, 1, 9))
    later = _figures(Q4_2024, dt.date(2026, 6, 1))
    assert on_the_day["open_overdue"][TOTAL] == later["open_overdue"][TOTAL] == 1
    assert later["open_overdue"][str(team.department.pk)] == 1
    assert _figures(Q1_2025, dt.date(2026, 6, 1))["open_overdue"][TOTAL] == 0
