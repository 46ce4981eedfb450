"""Small statistics the screens share. Quartiles follow Hyndman & Fan (1996) type 8, the
convention of the Open Contracting "cardinal" indicators (DESIGN §6)."""

from __future__ import annotations

import math
from collections.abc import Sequence


def quantile_type8(values: Sequence[float], p: float) -> float | None:
    """Hyndman–Fan type 8 (median-unbiased) sample quantile: with the values sorted x₁…xₙ,
    h = (n + 1/3)·p + 1/3 and Q(p) = x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋₊₁ − x⌊h⌋), clamped to x₁ and xₙ."""
    data = sorted(values)
    n = len(data)
    if n == 0:
        return None
    h = (n + 1 / 3) * p + 1 / 3
    if h <= 1:
        return data[0]
    if h >= n:
        return data[-1]
    low = math.floor(h)
    return data[low - 1] + (h - low) * (data[low] - data[low - 1])


def tukey_fences(values: Sequence[float], k: float = 1.5) -> tuple[float, float] | None:
    """(Q1 − k·IQR, Q3 + k·IQR) with type-8 quartiles; None when there are no values."""
    q1, q3 = quantile_type8(values, 0.25), quantile_type8(values, 0.75)
    if q1 is None:
        return None
    iqr = q3 - q1
    return q1 - k * iqr, q3 + k * iqr
