"""Timeliness for a period in one pass over the met statutory periods (cases.TimelinessRecord: the
decision of a complaint or report, the reply to a suggestion, each round of handling on its own):
per department, per month and in total, the periods with a deadline, those met on or before the
case's own due date, and the median and 90th percentile of working days used. Grouped every way at
once: PostgreSQL with GROUPING SETS and percentile_cont; SQLite with a histogram of
(department, month, working days, on time) rows and percentile_cont applied to it."""

from __future__ import annotations

from collections import defaultdict

from django.db import connection
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
        scope.shared["decisions"] = _postgresql(scope) if connection.vendor == "postgresql" else _histogram(scope)
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


def _postgresql(scope) -> dict:
    inner, params = _rows(scope).query.sql_with_params()
    # The inner query is built by the ORM, with its parameters passed separately.
    sql = (
        "SELECT GROUPING(dept) AS by_dept, GROUPING(month) AS by_month, dept, month, "  # noqa: S608
        "SUM(has_deadline) AS den, SUM(on_time * has_deadline) AS num, "
        "percentile_cont(0.5) WITHIN GROUP (ORDER BY wd) AS p50, "
        "percentile_cont(0.9) WITHIN GROUP (ORDER BY wd) AS p90 "
        f"FROM ({inner}) AS decided GROUP BY GROUPING SETS ((dept), (month), ())"
    )
    result = {BY_DEPARTMENT: {}, BY_MONTH: {}, TOTAL: _empty()}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for by_dept, by_month, dept, month, den, num, p50, p90 in cursor.fetchall():
            figures = {"den": int(den or 0), "num": int(num or 0), "p50": _round(p50), "p90": _round(p90)}
            if by_dept and by_month:
                result[TOTAL] = figures
            elif not by_dept:
                result[BY_DEPARTMENT][_key(BY_DEPARTMENT, dept)] = figures
            else:
                result[BY_MONTH][_key(BY_MONTH, timezone.localtime(month) if timezone.is_aware(month) else month)] = figures
    return result


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
