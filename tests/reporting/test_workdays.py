import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cases import clock
from cases.models import PausedInterval
from directory.calendar import workdays_between
from reporting.models import WorkdayIndex
from reporting.workdays import ensure_workday_index
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
    ensure_workday_index(START, dt.date(2026, 12, 31))
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
