"""The working-day index (reporting.WorkdayIndex): one row per date with running working-day
counts taken from directory.calendar, so statistics compute working days inside SQL by looking up
two numbers. The index is rebuilt whenever the calendar's fingerprint changes (an override edited
in the back office, a State Council schedule loaded, a new chinese-calendar release) or a date
outside the built range is needed, so no hook into the directory is required."""

from __future__ import annotations

import datetime as dt
import hashlib
from importlib.metadata import version

from django.db import transaction

from directory.calendar import WorkingCalendar, official_years
from directory.models import CalendarDay, CalendarYear
from reporting.models import WorkdayIndex, WorkdayIndexState

# Always covered (to the end of the current year), so that ordinary periods never trigger a rebuild.
DEFAULT_FIRST = dt.date(2015, 1, 1)


def calendar_fingerprint() -> str:
    digest = hashlib.sha256()
    digest.update(f"chinese-calendar {version('chinese-calendar')} {list(official_years())}".encode())
    for date, is_workday in CalendarDay.objects.order_by("date").values_list("date", "is_workday"):
        digest.update(f"{date:%Y%m%d}{int(is_workday)}".encode())
    for year in CalendarYear.objects.order_by("year").values_list("year", flat=True):
        digest.update(f"y{year}".encode())
    return digest.hexdigest()


def ensure_workday_index(first: dt.date, last: dt.date) -> WorkdayIndexState:
    """Make sure the index covers [first, last] and matches the current calendar."""
    fingerprint = calendar_fingerprint()
    state = WorkdayIndexState.objects.first()
    if state and state.fingerprint == fingerprint and state.first <= first and last <= state.last:
        return state
    wanted_first = min(first, DEFAULT_FIRST, state.first if state else first)
    wanted_last = max(last, dt.date(dt.date.today().year, 12, 31), state.last if state else last)
    return rebuild_workday_index(first=wanted_first, last=wanted_last, fingerprint=fingerprint)


@transaction.atomic
def rebuild_workday_index(*, first: dt.date, last: dt.date, fingerprint: str | None = None) -> WorkdayIndexState:
    calendar = WorkingCalendar()
    rows = []
    count = 0
    day = first
    while day <= last:
        workday = calendar.is_workday(day)
        before = count
        count += int(workday)
        rows.append(WorkdayIndex(date=day, is_workday=workday, ordinal=count, ordinal_before=before))
        day += dt.timedelta(days=1)
    WorkdayIndex.objects.all().delete()
    WorkdayIndex.objects.bulk_create(rows, batch_size=2000)
    WorkdayIndexState.objects.all().delete()
    return WorkdayIndexState.objects.create(first=first, last=last, fingerprint=fingerprint or calendar_fingerprint())
