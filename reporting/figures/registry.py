"""The metric registry. A metric is one function taking a Scope and returning {group: value};
register it with @metric and it appears in the dashboard, the exports, the snapshots and the
quarterly reports. Sections group the tables; units tell how values are shown and added up."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

COUNT = "count"  # int
RATIO = "ratio"  # [numerator, denominator], shown as a percentage
DAYS = "days"  # float or None
MONEY = "money"  # decimal string (yuan)

CASES = "cases"
HANDLING = "handling"
SUPERVISION = "supervision"
OUTCOMES = "outcomes"
INSPECTIONS = "inspections"
MONITORING = "monitoring"

SECTIONS = {
    CASES: _("Cases received and their course"),
    HANDLING: _("Timeliness"),
    SUPERVISION: _("Supervision"),
    OUTCOMES: _("Outcomes and satisfaction"),
    INSPECTIONS: _("Random inspections"),
    MONITORING: _("Integrity monitoring"),
}


@dataclass(frozen=True)
class Metric:
    code: str
    label: str
    unit: str
    section: str
    compute: Callable
    trend: bool  # also shown month by month
    headline: bool  # one of the dashboard's headline figures
    help_text: str = ""


METRICS: dict[str, Metric] = {}


def metric(code: str, label, *, unit: str = COUNT, section: str = CASES, trend: bool = False,
           headline: bool = False, help_text=""):
    def register(function: Callable) -> Callable:
        if code in METRICS:
            raise ValueError(f"metric {code!r} registered twice")
        METRICS[code] = Metric(code, label, unit, section, function, trend, headline, help_text)
        return function

    return register


def load_metrics() -> dict[str, Metric]:
    """Import every module that registers metrics (once)."""
    from reporting.figures import case_metrics, inspection_metrics, monitoring_metrics  # noqa: F401

    return METRICS
