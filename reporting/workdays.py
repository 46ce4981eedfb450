"""The working-day index (reporting.WorkdayIndex): one row per date with running working-day
counts taken from directory.calendar, so statistics compute working days inside SQL by looking up
two numbers.

Reads never write. The index is rebuilt by `refresh_workday_index`, the one writer, under an
advisory lock: inside the transaction of every calendar change (directory calls the hook this app
registers, see reporting.apps), after migrations, and daily by the scheduler (a new year, a new
chinese-calendar release). Statistics only check that the index covers what they need.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from importlib.metadata import version

from django.db import transaction
from django.utils import timezone

from directory.calendar import WorkingCalendar, official_years
from directory.models import CalendarDay, CalendarYear
from portal.locks import advisory_xact_lock
from reporting.models import WorkdayIndex, WorkdayIndexState

logger = logging.getLogger(__name__)

# The first year of the official calendar data; no case or inspection predates it.
INDEX_FIRST = dt.date(2004, 1, 1)
LOCK_NAME = "reporting.workday_index"


def calendar_fingerprint() -> str:
    digest = hashlib.sha256()
    digest.update(f"chinese-calendar {version('chinese-calendar')} {list(official_years())}".encode())
    for date, is_workday in CalendarDay.objects.order_by("date").values_list("date", "is_workday"):
        digest.update(f"{date:%Y%m%d}{int(is_workday)}".encode())
    for year in CalendarYear.objects.order_by("year").values_list("year", flat=True):
        digest.update(f"y{year}".encode())
    return digest.hexdigest()


def index_range(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """What the index always covers: the official data's first year to the end of next year."""
    today = today or timezone.localdate()
    return INDEX_FIRST, dt.date(today.year + 1, 12, 31)


@transaction.atomic
def refresh_workday_index(*, force: bool = False) -> WorkdayIndexState:
    """Rebuild the index when the calendar changed or the range moved on; otherwise leave it."""
    advisory_xact_lock(LOCK_NAME)
    fingerprint = calendar_fingerprint()
    first, last = index_range()
    state = WorkdayIndexState.objects.first()
    if not force and state and state.fingerprint == fingerprint and state.first <= first and last <= state.last:
        return state
    return _rebuild(first=first, last=last, fingerprint=fingerprint)


def _rebuild(*, first: dt.date, last: dt.date, fingerprint: str) -> WorkdayIndexState:
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
    return WorkdayIndexState.objects.create(first=first, last=last, fingerprint=fingerprint)


def check_workday_index(first: dt.date, last: dt.date) -> bool:
    """Read-only: does the index cover [first, last]? A gap is logged, never repaired by a read."""
    state = WorkdayIndexState.objects.first()
    covered = bool(state and state.first <= first and last <= state.last)
    if not covered:
        logger.warning(
            "Working-day index does not cover %s to %s (built: %s); run the task reporting.refresh_workday_index.",
            first, last, f"{state.first} to {state.last}" if state else "never",
        )
    return covered


def refresh_after_migrate(sender, using="default", **kwargs) -> None:
    with transaction.atomic(using=using):
        refresh_workday_index()
