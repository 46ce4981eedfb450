import datetime as dt

from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cases import clock
from cases.models import PausedInterval
from directory.calendar import WorkingCalendar, workdays_between
from directory.services import ScheduleDay, load_year_schedule, set_calendar_override
from reporting.figures import Period, compute_statistics
from reporting.models import WorkdayIndex, WorkdayIndexState
from reporting.workdays import check_workday_index, refresh_workday_index
from tests.factories.reporting import CaseRowFactory, pause

START = dt.date(2023, 12, 1)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    accepted=st.integers(min_value=0, max_value=400),
    took=st.integers(min_value=1, max_value=120),
    pause_start=st.integers(min_value=0, max_value=100),
    pause_length=st.integers(min_value=0, max_value=30),
)
def test_working_days_used_match_the_calendar(db, accepted, took, pause_start, pause_length):
    """Across the 2024 and 2025 holidays and make-up days: the working days a decision used
    (cases.clock.workdays_used, what the statistics record) and the SQL working-day index (the
    overdue list) give what directory.calendar gives, a suspension inside the period left out."""
    accepted_on = START + dt.timedelta(days=accepted)
    decided_on = accepted_on + dt.timedelta(days=took)
    case = CaseRowFactory(received=accepted_on.isoformat(), accepted=accepted_on.isoformat(),
                          decided=decided_on.isoformat())
    expected = workdays_between(accepted_on, decided_on)
    ordinals = dict(WorkdayIndex.objects.filter(date__in=[accepted_on, decided_on]).values_list("date", "ordinal"))
    assert ordinals[decided_on] - ordinals[accepted_on] == expected
    began = accepted_on + dt.timedelta(days=min(pause_start, took - 1))
    ended = min(began + dt.timedelta(days=pause_length), decided_on)
    pause(case, started=began.isoformat(), ended=ended.isoformat())
    expected -= workdays_between(began, ended)
    try:
        assert clock.workdays_used(case, started_on=accepted_on, met_on=decided_on) == expected
    finally:
        PausedInterval.objects.filter(case=case).delete()
        case.delete()


def test_the_index_is_built_by_migrations_and_covers_the_official_years_to_next_year_end(db):
    state = WorkdayIndexState.objects.get()
    assert state.first == dt.date(2004, 1, 1)
    assert state.last >= dt.date(timezone.localdate().year + 1, 12, 31)
    assert WorkdayIndex.objects.count() == (state.last - state.first).days + 1
    assert check_workday_index(dt.date(2020, 1, 1), timezone.localdate())


def test_a_calendar_override_rebuilds_the_index_in_its_own_transaction(db):
    day = dt.date(2024, 11, 13)  # a Wednesday, a working day
    assert WorkdayIndex.objects.get(date=day).is_workday
    before = WorkdayIndex.objects.get(date=dt.date(2024, 12, 31)).ordinal
    set_calendar_override(date=day, is_workday=False, note="local holiday")
    assert not WorkdayIndex.objects.get(date=day).is_workday
    assert WorkdayIndex.objects.get(date=dt.date(2024, 12, 31)).ordinal == before - 1


def test_a_loaded_year_schedule_rebuilds_the_index(db):
    new_year = dt.date(timezone.localdate().year + 1, 1, 1)
    load_year_schedule(year=new_year.year, days=[ScheduleDay(new_year, False, "元旦")], source="test")
    assert not WorkdayIndex.objects.get(date=new_year).is_workday


def test_statistics_reads_do_not_write_the_index(q4, django_assert_num_queries, django_capture_on_commit_callbacks):
    """A statistics GET only reads: a stale index is reported, not rebuilt by the read."""
    WorkdayIndexState.objects.update(fingerprint="stale", first=dt.date(2020, 1, 1))
    built_at = WorkdayIndexState.objects.values_list("built_at", flat=True).get()
    compute_statistics(Period.quarter(2024, 4), today=dt.date(2025, 1, 15))
    state = WorkdayIndexState.objects.get()
    assert (state.fingerprint, state.first, state.built_at) == ("stale", dt.date(2020, 1, 1), built_at)
    assert not check_workday_index(dt.date(2010, 1, 1), dt.date(2024, 12, 31))


def test_the_refresh_leaves_a_current_index_alone_and_rebuilds_a_stale_one(db):
    state = refresh_workday_index()
    assert refresh_workday_index().pk == state.pk
    WorkdayIndexState.objects.update(fingerprint="stale")
    assert refresh_workday_index().pk != state.pk


def test_the_daily_task_is_scheduled():
    from django.conf import settings

    assert settings.CELERY_BEAT_SCHEDULE["reporting.refresh_workday_index"]["task"] == "reporting.refresh_workday_index"


def test_constructing_a_working_calendar_runs_no_query(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        calendar = WorkingCalendar()
    with django_assert_num_queries(2):  # the overrides and the loaded years, once
        assert calendar.workdays_between(dt.date(2024, 9, 27), dt.date(2024, 11, 13)) == 30
        assert calendar.is_workday(dt.date(2024, 10, 12))
    with django_assert_num_queries(0):  # kept in the shared cache for the next computation
        assert WorkingCalendar().workdays_between(dt.date(2024, 9, 27), dt.date(2024, 11, 13)) == 30
