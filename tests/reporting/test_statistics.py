import datetime as dt

import pytest

from directory.calendar import workdays_between
from directory.services import set_calendar_override
from reporting.figures import NO_DEPARTMENT, TOTAL, Period, compute_statistics
from reporting.figures.scope import Scope

Q4 = Period.quarter(2024, 4)


@pytest.fixture
def figures(q4):
    return compute_statistics(Q4, today=dt.date(2026, 1, 15))


def by_department(figures, code, departments):
    zj, jt = departments
    values = figures["metrics"][code]
    return values.get(TOTAL), values.get(str(zj.pk)), values.get(str(jt.pk))


def test_reference_calendar_agrees_with_the_hand_counts(db):
    # The fixture's comments count by hand; the directory calendar must agree.
    assert workdays_between(dt.date(2024, 9, 27), dt.date(2024, 11, 13)) == 30
    assert workdays_between(dt.date(2024, 10, 8), dt.date(2024, 11, 26)) == 36
    assert workdays_between(dt.date(2024, 10, 21), dt.date(2024, 10, 31)) == 8
    assert workdays_between(dt.date(2024, 10, 8), dt.date(2024, 12, 2)) == 40


def test_cases_received_by_kind_and_channel(figures, departments):
    metrics = figures["metrics"]
    assert metrics["received"][TOTAL] == 7  # B C D G R W T; H arrived ten minutes into 2025
    assert metrics["received_kind_complaint"][TOTAL] == 3
    assert metrics["received_kind_report"][TOTAL] == 3
    assert metrics["received_kind_suggestion"][TOTAL] == 1
    assert metrics["received_channel_online"][TOTAL] == 4
    assert metrics["received_channel_phone"][TOTAL] == 1
    assert metrics["received_channel_paper"][TOTAL] == 2
    assert metrics["received_channel_api"][TOTAL] == 0
    assert metrics["received"][NO_DEPARTMENT] == 2  # G and R were never referred
    assert by_department(figures, "received", departments) == (7, 2, 3)


def test_course_of_cases(figures, departments):
    assert by_department(figures, "accepted", departments) == (5, 2, 3)
    assert figures["metrics"]["rejected"] == {NO_DEPARTMENT: 1, TOTAL: 1}
    assert by_department(figures, "withdrawn", departments) == (1, None, 1)
    assert by_department(figures, "transferred", departments) == (1, 1, None)
    assert by_department(figures, "decided", departments) == (5, 3, 2)


def test_on_time_rate_honours_holidays_suspensions_extensions_and_rehandling(figures, departments):
    # A on time only with the make-up working days, B only with its suspension left out, C only
    # with its approved extension, F only from its reopening; D is late.
    assert by_department(figures, "on_time_rate", departments) == ([4, 5], [3, 3], [1, 2])


def test_working_days_to_decision(figures, departments):
    # Working days: F 13, B 28, A 30, C 39, D 40.
    assert by_department(figures, "median_days", departments) == (30.0, 28.0, 39.5)
    total, zj, jt = by_department(figures, "p90_days", departments)
    assert total == pytest.approx(39.6)
    assert zj == pytest.approx(29.6)
    assert jt == pytest.approx(39.9)


def test_working_days_and_due_date_of_each_case(q4):
    from cases.models import TimelinessRecord

    records = {r.case_id: r for r in TimelinessRecord.objects.all()}
    assert {name: records[q4[name].pk].workdays_used for name in "ABCDF"} == {"A": 30, "B": 28, "C": 39, "D": 40, "F": 13}
    assert {name: records[q4[name].pk].met_on <= records[q4[name].pk].due_on for name in "ABCDF"} == {
        "A": True, "B": True, "C": True, "D": False, "F": True,
    }
    assert records[q4["F"].pk].round == 2
    assert records[q4["F"].pk].clock_started_on == dt.date(2024, 11, 1)


def test_open_overdue_supervision_and_outcomes(figures, departments):
    assert by_department(figures, "open_overdue", departments) == (1, None, 1)
    assert by_department(figures, "supervision_notices", departments) == (2, 1, 1)
    assert by_department(figures, "escalations", departments) == (1, None, 1)
    assert by_department(figures, "substantiated_rate", departments) == ([2, 5], [1, 3], [1, 2])
    assert by_department(figures, "satisfaction_rate", departments) == ([1, 2], [1, 2], None)
    assert by_department(figures, "rehandled", departments) == (1, 1, None)
    assert by_department(figures, "penalties", departments) == (2, None, 2)
    assert by_department(figures, "fines_total", departments)[0] == "51200.50"
    assert by_department(figures, "referrals", departments) == (2, 1, 1)


def test_open_overdue_counts_as_of_the_period_end_or_today(q4, departments):
    # By 15 December O1's deadline (20 December) had not yet passed.
    early = compute_statistics(Period.custom(dt.date(2024, 10, 1), dt.date(2024, 12, 15)), today=dt.date(2026, 1, 1))
    assert early["metrics"]["open_overdue"][TOTAL] == 0
    # For a period still running, "today" is the cut-off: O2 is overdue on 11 January 2025.
    running = compute_statistics(Period.quarter(2025, 1), today=dt.date(2025, 1, 11))
    assert running["metrics"]["open_overdue"][TOTAL] == 2


def test_monthly_trends(figures):
    trends = figures["trends"]
    assert trends["received"] == {"2024-10": 6, "2024-12": 1, TOTAL: 7}
    assert trends["decided"] == {"2024-11": 4, "2024-12": 1, TOTAL: 5}
    assert trends["on_time_rate"] == {"2024-11": [4, 4], "2024-12": [0, 1], TOTAL: [4, 5]}
    assert "open_overdue" not in trends


def test_one_department(q4, departments):
    zj, _jt = departments
    figures = compute_statistics(Q4, department_id=zj.pk, today=dt.date(2026, 1, 15))
    assert figures["metrics"]["received"][TOTAL] == 2
    assert figures["metrics"]["on_time_rate"][TOTAL] == [3, 3]
    assert figures["trends"]["decided"] == {"2024-11": 3, TOTAL: 3}


def test_a_year_and_an_empty_period(q4):
    year = compute_statistics(Period.year(2024), today=dt.date(2026, 1, 15))
    assert year["metrics"]["received"][TOTAL] == 13 - 1  # every fixture case but H
    empty = compute_statistics(Period.quarter(2023, 1), today=dt.date(2026, 1, 15))
    assert empty["metrics"]["received"] == {TOTAL: 0}
    assert empty["metrics"]["on_time_rate"] == {TOTAL: [0, 0]}
    assert empty["metrics"]["median_days"] == {TOTAL: None}


def test_calendar_override_counts_for_decisions_made_after_it(departments):
    # The office declares Wed 13 Nov 2024 a local holiday before a case like A is decided on
    # Thu 14 Nov: 30 working days (14 Nov replaces 13 Nov). A decision recorded before the
    # override keeps the days it was recorded with: a closed period's figures do not move.
    from tests.factories.reporting import CaseRowFactory, record_history

    zj, _jt = departments
    earlier = CaseRowFactory(department=zj, received="2024-09-25", accepted="2024-09-27", decided="2024-11-12",
                             due="2024-11-13")
    record_history(earlier)
    set_calendar_override(date=dt.date(2024, 11, 13), is_workday=False, note="local holiday")
    later = CaseRowFactory(department=zj, received="2024-09-25", accepted="2024-09-27", decided="2024-11-14",
                           due="2024-11-14")
    record_history(later)
    figures = compute_statistics(Q4, today=dt.date(2026, 1, 15))
    assert figures["metrics"]["median_days"][TOTAL] == 29.5  # 29 (12 Nov, before) and 30
    assert figures["metrics"]["on_time_rate"][TOTAL] == [2, 2]


def test_statistics_use_a_fixed_number_of_queries(q4, django_assert_max_num_queries):
    compute_statistics(Q4, today=dt.date(2026, 1, 15))
    with django_assert_max_num_queries(60):
        compute_statistics(Q4, today=dt.date(2026, 1, 15))


def test_department_names_list_every_supervising_department(figures, departments):
    zj, jt = departments
    assert [str(zj.pk), "住建局"] in figures["departments"]
    assert [str(jt.pk), "交通局"] in figures["departments"]
    assert figures["departments"][-1][0] == NO_DEPARTMENT


def test_scope_rejects_an_unknown_grouping():
    with pytest.raises(ValueError):
        Scope(Q4, by="week")
