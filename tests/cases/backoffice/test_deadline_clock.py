"""The queues' "working days left" column walks the calendar once per page (issue 14: an overdue
list reaches years back) and still agrees with the calendar day for day."""

import datetime as dt
from types import SimpleNamespace

import pytest

from cases.exports import DeadlineClock
from directory.calendar import WorkingCalendar

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 10, 9)  # just after National Day, with its make-up working days around it


def test_working_days_left_agree_with_the_calendar_in_any_order():
    clock, calendar = DeadlineClock(today=TODAY), WorkingCalendar()
    days = [TODAY + dt.timedelta(days=offset) for offset in (40, -3, 0, 1, -900, 12, -11, 400, -1)]
    for day in days:
        assert clock.workdays_left(SimpleNamespace(current_due=day)) == calendar.workdays_between(TODAY, day), day
    assert clock.workdays_left(SimpleNamespace(current_due=None)) is None


def test_a_page_of_old_deadlines_walks_each_day_once(monkeypatch):
    clock = DeadlineClock(today=TODAY)
    asked = []
    original = WorkingCalendar.is_workday
    monkeypatch.setattr(WorkingCalendar, "is_workday", lambda self, day: asked.append(day) or original(self, day))
    for offset in range(50):  # fifty cases due about three years ago
        clock.workdays_left(SimpleNamespace(current_due=TODAY - dt.timedelta(days=1100 + offset)))
    # Each day after the earliest due date up to today, once: not 50 walks of some 1,100 days.
    assert len(asked) == len(set(asked)) == (TODAY - (TODAY - dt.timedelta(days=1149))).days
