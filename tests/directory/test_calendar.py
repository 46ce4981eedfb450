import datetime as dt
import logging

import pytest

from directory import calendar
from directory.models import CalendarYear
from directory.services import ScheduleDay, load_year_schedule, set_calendar_override

D = dt.date
pytestmark = pytest.mark.django_db


class TestOfficialCalendar:
    def test_national_day_2025_holidays_and_makeup_working_days(self):
        # Sept 28 (Sunday) and Oct 11 (Saturday) 2025 were make-up working days.
        assert calendar.is_workday(D(2025, 9, 28))
        assert calendar.is_workday(D(2025, 10, 11))
        for day in range(1, 9):
            assert not calendar.is_workday(D(2025, 10, day)), f"Oct {day} was a holiday"
        assert calendar.is_workday(D(2025, 10, 9))
        assert not calendar.is_workday(D(2025, 10, 12))  # an ordinary Sunday

    def test_add_workdays_counts_from_the_next_day(self):
        # Received Friday Sept 26 2025: 3 working days are Sun 28 (make-up), Mon 29, Tue 30.
        assert calendar.add_workdays(D(2025, 9, 26), 3) == D(2025, 9, 30)
        # One more jumps the whole holiday to Thursday Oct 9.
        assert calendar.add_workdays(D(2025, 9, 26), 4) == D(2025, 10, 9)
        assert calendar.add_workdays(D(2025, 9, 30), 2) == D(2025, 10, 10)
        assert calendar.add_workdays(D(2025, 9, 30), 3) == D(2025, 10, 11)

    def test_zero_workdays_is_the_start_and_negative_is_refused(self):
        assert calendar.add_workdays(D(2025, 10, 3), 0) == D(2025, 10, 3)
        with pytest.raises(ValueError):
            calendar.add_workdays(D(2025, 10, 3), -1)

    def test_thirty_workdays_across_national_day(self):
        # Accepted Sept 15 2025: Sept 16-30 gives 12 (incl. Sun 28), Oct 9-31 gives 18 (incl. Sat 11),
        # so the 30th working day is Friday Oct 31.
        assert calendar.add_workdays(D(2025, 9, 15), 30) == D(2025, 10, 31)

    def test_workdays_between_is_the_inverse_of_add_workdays(self):
        start = D(2025, 9, 15)
        for n in (1, 5, 12, 13, 30):
            assert calendar.workdays_between(start, calendar.add_workdays(start, n)) == n
        assert calendar.workdays_between(D(2025, 10, 1), D(2025, 10, 8)) == 0
        assert calendar.workdays_between(D(2025, 10, 9), D(2025, 10, 1)) == -1

    def test_workdays_between_excludes_paused_intervals(self):
        # Paused Sept 29 to Oct 10 inclusive: only Sept 16-28 (10 days) count; Sat Oct 11 and Mon Oct 13 add two.
        assert calendar.workdays_between(D(2025, 9, 15), D(2025, 10, 10), excluding=[(D(2025, 9, 29), D(2025, 10, 10))]) == 10
        assert calendar.workdays_between(D(2025, 9, 15), D(2025, 10, 13), excluding=[(D(2025, 9, 29), D(2025, 10, 10))]) == 12


class TestLocalOverrides:
    def test_override_beats_the_official_calendar(self):
        set_calendar_override(date=D(2025, 10, 9), is_workday=False, note="台风停工")
        assert not calendar.is_workday(D(2025, 10, 9))
        assert calendar.add_workdays(D(2025, 9, 30), 1) == D(2025, 10, 10)
        set_calendar_override(date=D(2025, 10, 9), is_workday=True)
        assert calendar.is_workday(D(2025, 10, 9))


class TestYearsOutsideThePackage:
    def test_unknown_year_falls_back_to_monday_friday_and_logs(self, caplog):
        calendar._warned_fallback_years.discard(2031)
        with caplog.at_level(logging.WARNING, logger="directory.calendar"):
            assert calendar.is_workday(D(2031, 1, 1))  # a Wednesday: no schedule, so "working"
            assert not calendar.is_workday(D(2031, 1, 4))  # Saturday
        assert "2031" in caplog.text and "Monday-Friday" in caplog.text
        assert calendar.WorkingCalendar().year_status(2031) == calendar.FALLBACK

    def test_loaded_schedule_is_used(self):
        days = [ScheduleDay(D(2031, 1, 1), False, "元旦")] + [
            ScheduleDay(D(2031, 1, 4), True, "调休上班")
        ]
        load_year_schedule(year=2031, days=days, source="国办发明电〔2030〕X号")
        assert calendar.WorkingCalendar().year_status(2031) == calendar.LOADED
        assert not calendar.is_workday(D(2031, 1, 1))
        assert calendar.is_workday(D(2031, 1, 4))
        assert calendar.is_workday(D(2031, 1, 6))  # an ordinary Monday

    def test_loading_again_replaces_the_year(self):
        load_year_schedule(year=2031, days=[ScheduleDay(D(2031, 1, 2), False, "x")])
        load_year_schedule(year=2031, days=[ScheduleDay(D(2031, 1, 1), False, "元旦")])
        assert calendar.is_workday(D(2031, 1, 2))
        assert CalendarYear.objects.filter(year=2031).count() == 1

    @pytest.mark.parametrize(
        ("days", "message"),
        [
            ([], "安排为空"),
            ([ScheduleDay(D(2030, 12, 31), False, "x")], "2030-12-31"),
            ([ScheduleDay(D(2031, 2, 1), False, "x"), ScheduleDay(D(2031, 2, 1), True, "y")], "2031-02-01"),
        ],
    )
    def test_bad_schedules_are_refused_and_change_nothing(self, days, message):
        from django.core.exceptions import ValidationError

        with pytest.raises(ValidationError) as exc:
            load_year_schedule(year=2031, days=days)
        assert message in str(exc.value)
        assert not CalendarYear.objects.filter(year=2031).exists()


class TestCoverageWarnings:
    def test_warns_from_october_when_next_year_is_missing(self):
        assert calendar.calendar_warnings(D(2025, 9, 30)) == []
        warnings = calendar.calendar_warnings(D(2026, 10, 1))
        assert len(warnings) == 1 and "2027" in warnings[0]

    def test_warns_when_current_year_is_missing(self):
        warnings = calendar.calendar_warnings(D(2027, 3, 1))
        assert any("2027" in w for w in warnings)

    def test_no_warning_once_loaded(self):
        load_year_schedule(year=2027, days=[ScheduleDay(D(2027, 1, 1), False, "元旦")])
        assert calendar.calendar_warnings(D(2026, 11, 1)) == []
