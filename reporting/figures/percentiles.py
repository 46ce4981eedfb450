"""percentile_cont over a histogram (reporting.figures.decisions): SQLite has no such aggregate,
and on PostgreSQL the histogram is cheaper than sorting every row. The database returns one row
per group and distinct value with its count (working days are small integers, so a few thousand
rows however many cases) and percentile_cont's definition is applied to it: position
h = (n − 1)·p in the sorted values, linear interpolation between the values at floor(h) and
ceil(h). A PostgreSQL test compares it with the database's own percentile_cont."""

from __future__ import annotations

import math
from collections.abc import Iterable


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
