"""Timeliness for a period in one pass over the met statutory periods (cases.TimelinessRecord: the
decision of a complaint or report, the reply to a suggestion, each round of handling on its own):
per department, per month and in total, the periods with a deadline, those met on or before the
case's own due date, and the median and 90th percentile of working days used. Grouped every way at
once from one histogram of (department, month, working days, on time) counts, to which
percentile_cont's rule is applied: working days are small whole numbers, so the histogram has a
few thousand rows where the periods are a million (a hash aggregate, no sort; on PostgreSQL this
replaced GROUPING SETS with percentile_cont, which sorted 850,000 rows for a four-year period)."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Case as CaseWhen
from django.db.models import Count, F, IntegerField, Value, When
from django.db.models.functions import TruncMonth
from django.utils import timezone

from reporting.figures.percentiles import percentile_from_histogram
from reporting.figures.scope import BY_DEPARTMENT, BY_MONTH, NO_DEPARTMENT, TOTAL

FIGURES = ("den", "num", "p50", "p90")


def decision_summary(scope) -> dict[str, dict[str, dict]]:
    """{BY_DEPARTMENT | BY_MONTH: {key: {den, num, p50, p90}}, TOTAL: {...}}, shared by the
    scopes of one computation."""
    if "decisions" not in scope.shared:
        scope.shared["decisions"] = _histogram(scope)
    return scope.shared["decisions"]


def _rows(scope):
    from cases.models import TimelinessRecord

    met = TimelinessRecord.objects.filter(met_at__gte=scope.period.start_at, met_at__lt=scope.period.end_at)
    if scope.department_id is not None:
        met = met.filter(department_id=scope.department_id)
    # On time means met on or before the due date: a rest day after the due date is late.
    return met.order_by().values(
        dept=F("department_id"), month=TruncMonth("met_at", tzinfo=timezone.get_default_timezone()),
        wd=F("workdays_used"),
        on_time=CaseWhen(When(met_on__lte=F("due_on"), then=Value(1)), default=Value(0), output_field=IntegerField()),
        has_deadline=CaseWhen(When(due_on__isnull=False, then=Value(1)), default=Value(0),
                              output_field=IntegerField()),
    )


def _key(grouping: str, value) -> str:
    if value is None:
        return NO_DEPARTMENT
    return f"{value:%Y-%m}" if grouping == BY_MONTH else str(value)


def _histogram(scope) -> dict:
    counts = {BY_DEPARTMENT: defaultdict(lambda: defaultdict(int)), BY_MONTH: defaultdict(lambda: defaultdict(int)),
              TOTAL: defaultdict(lambda: defaultdict(int))}
    rows = _rows(scope).annotate(n=Count("pk"))
    for row in rows:
        bucket = (row["wd"], row["on_time"] * row["has_deadline"], row["has_deadline"])
        for grouping, key in ((BY_DEPARTMENT, _key(BY_DEPARTMENT, row["dept"])),
                              (BY_MONTH, _key(BY_MONTH, row["month"])), (TOTAL, TOTAL)):
            counts[grouping][key][bucket] += row["n"]
    result = {BY_DEPARTMENT: {}, BY_MONTH: {}, TOTAL: _empty()}
    for grouping in (BY_DEPARTMENT, BY_MONTH, TOTAL):
        for key, buckets in counts[grouping].items():
            days = defaultdict(int)
            for (wd, _on_time, _has), n in buckets.items():
                days[wd] += n
            figures = {
                "den": sum(n for (_wd, _on_time, has), n in buckets.items() if has),
                "num": sum(n for (_wd, on_time, _has), n in buckets.items() if on_time),
                "p50": percentile_from_histogram(days.items(), 0.5),
                "p90": percentile_from_histogram(days.items(), 0.9),
            }
            if grouping == TOTAL:
                result[TOTAL] = figures
            else:
                result[grouping][key] = figures
    return result


def _empty() -> dict:
    return {"den": 0, "num": 0, "p50": None, "p90": None}


def _round(value):
    return None if value is None else round(float(value), 4)


def figure(scope, name: str) -> dict:
    """One figure per group of this scope's grouping, plus the total."""
    summary = decision_summary(scope)
    values = {key: figures[name] for key, figures in summary[scope.by].items()}
    values[TOTAL] = summary[TOTAL][name]
    return values
