"""Statistics for any period, per department and in total, computed by database aggregation.

`compute_statistics(period)` returns a JSON-ready dict (the form frozen in snapshots):
    {"version", "period", "computed_at", "today", "departments": [[key, name], ...],
     "metrics": {code: {department key | "total": value}},
     "trends": {code: {"YYYY-MM" | "total": value}}}
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from reporting.figures.period import Period
from reporting.figures.registry import METRICS, load_metrics
from reporting.figures.scope import BY_DEPARTMENT, BY_MONTH, NO_DEPARTMENT, TOTAL, Scope, statistics_transaction

FORMAT_VERSION = 1

__all__ = ["NO_DEPARTMENT", "TOTAL", "Period", "compute_statistics", "department_names"]


def compute_statistics(period: Period, *, department_id: int | None = None, today: dt.date | None = None,
                       trends: bool = True) -> dict:
    from reporting.workdays import check_workday_index

    load_metrics()
    check_workday_index(period.first - dt.timedelta(days=400), period.last)
    shared: dict = {}
    scope = Scope(period, by=BY_DEPARTMENT, department_id=department_id, today=today, shared=shared)
    with statistics_transaction():
        metrics = {code: metric.compute(scope) for code, metric in METRICS.items()}
        trend_values = {}
        if trends:
            monthly = Scope(period, by=BY_MONTH, department_id=department_id, today=today, shared=shared)
            trend_values = {code: metric.compute(monthly) for code, metric in METRICS.items() if metric.trend}
    keys = {key for values in metrics.values() for key in values} - {TOTAL}
    return {
        "version": FORMAT_VERSION,
        "period": period.as_dict(),
        "department_id": department_id,
        "computed_at": timezone.now().isoformat(timespec="seconds"),
        "today": scope.today.isoformat(),
        "departments": department_names(keys),
        "metrics": metrics,
        "trends": trend_values,
    }


def department_names(keys) -> list[list[str]]:
    """[key, name] for every active supervising department and every department with figures,
    in code order; cases not yet referred to a department come last."""
    from directory.models import Department

    ids = {int(key) for key in keys if key != NO_DEPARTMENT}
    departments = Department.objects.filter(id__in=ids) | Department.objects.filter(
        kind=Department.Kind.SUPERVISING, is_active=True,
    )
    names = [[str(d.pk), d.short_name or d.name] for d in departments.distinct().order_by("code")]
    if NO_DEPARTMENT in keys:
        names.append([NO_DEPARTMENT, _("Commission office (not yet referred)")])
    return names
