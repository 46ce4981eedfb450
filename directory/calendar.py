"""Working-day calendar: the official PRC calendar with its adjusted weekends (调休), loaded State
Council schedules for years the `chinese-calendar` package does not know, and local overrides.

Periods are counted as PRC law counts them: from the day after the starting day.
A year that is neither in the package nor loaded falls back to Monday–Friday; that is logged and
flagged in the back office (see `calendar_warnings`), never silent.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections.abc import Callable, Iterable

import chinese_calendar
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

OFFICIAL = "official"
LOADED = "loaded"
FALLBACK = "fallback"

_warned_fallback_years: set[int] = set()
_change_hooks: list[Callable[[], None]] = []


def register_calendar_change_hook(hook: Callable[[], None]) -> Callable[[], None]:
    """A higher app (reporting's working-day index) asks to hear about calendar changes."""
    if hook not in _change_hooks:
        _change_hooks.append(hook)
    return hook


def calendar_changed() -> None:
    """Every write to the calendar (override, import, loaded schedule) calls this inside its
    transaction, so what is derived from the calendar is rebuilt by the writer, never by a read."""
    forget_stored_calendar()
    for hook in _change_hooks:
        hook()


_schedule_hooks: list[Callable[[int], Callable[[], None]]] = []


def register_schedule_loading_hook(hook: Callable[[int], Callable[[], None]]) -> Callable[[int], Callable[[], None]]:
    """A higher app (cases' due dates) asks to follow the loading of a year's schedule:
    `hook(year)` runs before the schedule is written (it reads the old calendar) and returns a
    callable run after it is written, in the same transaction."""
    if hook not in _schedule_hooks:
        _schedule_hooks.append(hook)
    return hook


def schedule_loading(year: int) -> list[Callable[[], None]]:
    """Called by the schedule loader before it writes: the hooks' finishing steps."""
    return [hook(year) for hook in _schedule_hooks]


# The loaded years and the overrides, read from the database once for all requests and workers
# (the shared cache), forgotten by every calendar write: on each model save or delete (signals,
# directory/apps.py) and by calendar_changed(). Without the cache each computation reads them.
STORED_CALENDAR_KEY = "directory:calendar:stored"
STORED_CALENDAR_SECONDS = 24 * 3600


def forget_stored_calendar(**_signal) -> None:
    from portal.shared_cache import forget

    forget(STORED_CALENDAR_KEY)


def stored_calendar() -> tuple[frozenset[int], dict[int, dict[dt.date, bool]]]:
    """(loaded years, overrides by year)."""
    from portal.shared_cache import remembered

    return remembered(STORED_CALENDAR_KEY, _read_stored_calendar, STORED_CALENDAR_SECONDS)


def _read_stored_calendar() -> tuple[frozenset[int], dict[int, dict[dt.date, bool]]]:
    from directory.models import CalendarDay, CalendarYear

    overrides: dict[int, dict[dt.date, bool]] = {}
    for day, is_working in CalendarDay.objects.values_list("date", "is_workday"):
        overrides.setdefault(day.year, {})[day] = is_working
    return frozenset(CalendarYear.objects.values_list("year", flat=True)), overrides


@functools.cache
def official_years() -> range:
    from chinese_calendar import constants

    return range(min(constants.holidays).year, max(constants.holidays).year + 1)


@functools.lru_cache(maxsize=16384)
def _official_workday(day: dt.date) -> bool:
    # The package's tables never change while the portal runs, and its own lookup scans them for
    # their first and last year on every call (a back-office list asks for a thousand days).
    return chinese_calendar.is_workday(day)


class WorkingCalendar:
    """One computation's view of the calendar. Constructing it costs nothing; the loaded years and
    overrides are read lazily, once, from the shared cache (the database when it misses)."""

    def __init__(self):
        self._stored: tuple[frozenset[int], dict[int, dict[dt.date, bool]]] | None = None
        self._official = official_years()

    def _stored_calendar(self):
        if self._stored is None:
            self._stored = stored_calendar()
        return self._stored

    def year_status(self, year: int) -> str:
        if year in self._official:
            return OFFICIAL
        if year in self._stored_calendar()[0]:
            return LOADED
        return FALLBACK

    def _overrides_for(self, year: int) -> dict[dt.date, bool]:
        return self._stored_calendar()[1].get(year, {})

    def is_workday(self, day: dt.date) -> bool:
        override = self._overrides_for(day.year).get(day)
        if override is not None:
            return override
        status = self.year_status(day.year)
        if status == OFFICIAL:
            return _official_workday(day)
        if status == FALLBACK and day.year not in _warned_fallback_years:
            _warned_fallback_years.add(day.year)
            logger.warning(
                "Working-day calendar: no official or loaded schedule for %s; using Monday-Friday "
                "until the office loads the State Council schedule.",
                day.year,
            )
        return day.weekday() < 5

    def add_workdays(self, start: dt.date, n: int) -> dt.date:
        if n < 0:
            raise ValueError("n must not be negative")
        day = start
        counted = 0
        while counted < n:
            day += dt.timedelta(days=1)
            if self.is_workday(day):
                counted += 1
        return day

    def workdays_between(
        self, start: dt.date, end: dt.date, excluding: Iterable[tuple[dt.date, dt.date]] = ()
    ) -> int:
        """Working days d with start < d <= end, leaving out days inside any excluded interval
        (first, last), both inclusive. Negative when end is before start."""
        if end < start:
            return -self.workdays_between(end, start, excluding)
        excluded = [(a, b) for a, b in excluding]
        count = 0
        day = start
        while day < end:
            day += dt.timedelta(days=1)
            if any(a <= day <= b for a, b in excluded):
                continue
            if self.is_workday(day):
                count += 1
        return count


def is_workday(day: dt.date) -> bool:
    return WorkingCalendar().is_workday(day)


def add_workdays(start: dt.date, n: int) -> dt.date:
    """The day on which a period of n working days counted from the day after `start` ends."""
    return WorkingCalendar().add_workdays(start, n)


def workdays_between(
    start: dt.date, end: dt.date, excluding: Iterable[tuple[dt.date, dt.date]] = ()
) -> int:
    return WorkingCalendar().workdays_between(start, end, excluding)


def is_provisional(day: dt.date | None, calendar: WorkingCalendar | None = None) -> bool:
    """A due date in a year with neither the official nor a loaded schedule was counted Monday to
    Friday: it is provisional (暂按周一至周五计算) until the office loads that year."""
    return day is not None and (calendar or WorkingCalendar()).year_status(day.year) == FALLBACK


def calendar_warnings(today: dt.date) -> list[str]:
    """What the back office must show about calendar coverage on `today`."""
    calendar = WorkingCalendar()
    warnings = []
    if calendar.year_status(today.year) == FALLBACK:
        warnings.append(
            _(
                "The holiday schedule for %(year)s is not loaded: deadlines this year are computed "
                "with Monday to Friday as working days. Load the State Council schedule now."
            )
            % {"year": today.year}
        )
    if today.month >= 10 and calendar.year_status(today.year + 1) == FALLBACK:
        warnings.append(
            _(
                "The holiday schedule for %(year)s is not loaded yet. Load it as soon as the State "
                "Council publishes it, or deadlines running into %(year)s will use Monday to Friday."
            )
            % {"year": today.year + 1}
        )
    return warnings
