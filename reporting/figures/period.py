"""Reporting periods: a quarter, a year, a month or any range of days (both ends inclusive)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

QUARTER = "quarter"
YEAR = "year"
MONTH = "month"
CUSTOM = "custom"


@dataclass(frozen=True)
class Period:
    first: dt.date
    last: dt.date
    kind: str = CUSTOM

    def __post_init__(self):
        if self.last < self.first:
            raise ValueError("a period cannot end before it starts")

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        if quarter not in (1, 2, 3, 4):
            raise ValueError("quarter must be 1 to 4")
        first = dt.date(year, 3 * quarter - 2, 1)
        return cls(first, _month_end(year, 3 * quarter), QUARTER)

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31), YEAR)

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(dt.date(year, month, 1), _month_end(year, month), MONTH)

    @classmethod
    def custom(cls, first: dt.date, last: dt.date) -> Period:
        return cls(first, last, CUSTOM)

    @classmethod
    def quarter_containing(cls, day: dt.date) -> Period:
        return cls.quarter(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def previous_quarter(cls, day: dt.date) -> Period:
        """The last quarter that ended before `day`."""
        current = cls.quarter_containing(day)
        return cls.quarter_containing(current.first - dt.timedelta(days=1))

    @property
    def quarter_number(self) -> int | None:
        return (self.first.month - 1) // 3 + 1 if self.kind == QUARTER else None

    @property
    def start_at(self) -> dt.datetime:
        """First instant of the period in the portal's time zone."""
        return _local_midnight(self.first)

    @property
    def end_at(self) -> dt.datetime:
        """First instant after the period."""
        return _local_midnight(self.last + dt.timedelta(days=1))

    def months(self) -> list[str]:
        """The months the period touches, as YYYY-MM keys."""
        keys = []
        year, month = self.first.year, self.first.month
        while (year, month) <= (self.last.year, self.last.month):
            keys.append(f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return keys

    @property
    def label(self) -> str:
        if self.kind == QUARTER:
            return _("%(year)s Q%(quarter)s") % {"year": self.first.year, "quarter": self.quarter_number}
        if self.kind == YEAR:
            return _("Year %(year)s") % {"year": self.first.year}
        if self.kind == MONTH:
            return f"{self.first:%Y-%m}"
        return f"{self.first:%Y-%m-%d} – {self.last:%Y-%m-%d}"

    def as_dict(self) -> dict:
        return {"first": self.first.isoformat(), "last": self.last.isoformat(), "kind": self.kind}

    @classmethod
    def from_dict(cls, data: dict) -> Period:
        return cls(dt.date.fromisoformat(data["first"]), dt.date.fromisoformat(data["last"]), data.get("kind", CUSTOM))


def _month_end(year: int, month: int) -> dt.date:
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _local_midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min), timezone.get_default_timezone())
