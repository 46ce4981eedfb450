"""Percentiles inside the database. PostgreSQL: the ordered-set aggregate percentile_cont.
SQLite (the embedded default) has none, so the database returns a histogram instead (one row per
group and distinct value with its count: working days are small integers, so a few hundred rows
at most however many cases) and percentile_cont's definition is applied to it here:
position h = (n − 1)·p in the sorted values, linear interpolation between floor(h) and ceil(h).
Both give identical results; tests check them against each other on PostgreSQL."""

from __future__ import annotations

import math
from collections.abc import Iterable

from django.db import connection
from django.db.models import Aggregate, FloatField


class PercentileCont(Aggregate):
    function = "percentile_cont"
    name = "PercentileCont"
    template = "%(function)s(%(percentile)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()

    def __init__(self, expression, percentile: float, **extra):
        if not 0 <= float(percentile) <= 1:
            raise ValueError("percentile must be between 0 and 1")
        super().__init__(expression, percentile=repr(float(percentile)), **extra)


def database_has_percentile_cont() -> bool:
    return connection.vendor == "postgresql"


def percentile_from_histogram(histogram: Iterable[tuple[float, int]], p: float) -> float | None:
    """percentile_cont(p) of the multiset given as (value, count) pairs."""
    bins = sorted((value, count) for value, count in histogram if count and value is not None)
    total = sum(count for _value, count in bins)
    if total == 0:
        return None
    position = (total - 1) * p
    lower_index, upper_index = math.floor(position), math.ceil(position)
    lower = upper = None
    seen = 0
    for value, count in bins:
        if lower is None and lower_index < seen + count:
            lower = value
        if upper_index < seen + count:
            upper = value
            break
        seen += count
    return round(float(lower + (upper - lower) * (position - lower_index)), 4)
