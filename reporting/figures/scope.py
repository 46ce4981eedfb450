"""The grouping machinery every metric uses: filter a queryset to the period (on the metric's own
date field) and to a department, group it in the database by department or by month, and return
{group key: value} plus the total under TOTAL. Metrics never iterate over cases."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from contextlib import contextmanager

from django.db import connection, transaction
from django.db.models import Count, F, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from reporting.figures.period import Period


@contextmanager
def statistics_transaction():
    """One read transaction for a set of figures. On PostgreSQL JIT compilation is switched off
    for it: these queries run many small index look-ups, and compiling them cost more than
    running them (0.5 s of JIT for a 50 ms query in the benchmark, docs/PERFORMANCE.md)."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # Sorts for the percentiles and the month groups of a multi-year period in memory,
                # not in temporary files (90 MB spilled for four years at a city's scale).
                cursor.execute("SET LOCAL jit = off; SET LOCAL work_mem = '64MB'")
        yield


TOTAL = "total"
NO_DEPARTMENT = "none"
BY_DEPARTMENT = "department"
BY_MONTH = "month"


class Scope:
    def __init__(self, period: Period, *, by: str = BY_DEPARTMENT, department_id: int | None = None,
                 today: dt.date | None = None, shared: dict | None = None):
        if by not in (BY_DEPARTMENT, BY_MONTH):
            raise ValueError(f"unknown grouping {by!r}")
        self.period = period
        self.by = by
        self.department_id = department_id
        self.today = today or timezone.localdate()
        self._cohorts: dict[str, dict] = {}
        # Results valid for every grouping of the same period and department (computed once).
        self.shared = shared if shared is not None else {}

    # --- filtering and grouping ------------------------------------------------------------
    def _narrow(self, queryset, date_field: str | None, dept_field: str):
        if date_field:
            queryset = queryset.filter(**{f"{date_field}__gte": self.period.start_at, f"{date_field}__lt": self.period.end_at})
        if self.department_id is not None:
            queryset = queryset.filter(**{dept_field: self.department_id})
        return queryset.order_by()

    def _group_expression(self, date_field: str | None, dept_field: str):
        if self.by == BY_DEPARTMENT:
            return F(dept_field)
        if not date_field:
            raise ValueError("a figure without a date field cannot be grouped by month")
        return TruncMonth(date_field, tzinfo=timezone.get_default_timezone())

    def _grouped(self, queryset, date_field: str | None, dept_field: str, *, values=None, **aggregates):
        values = {"group": self._group_expression(date_field, dept_field), **(values or {})}
        rows = self._narrow(queryset, date_field, dept_field).values(**values).annotate(**aggregates)
        return [(self._key(row.pop("group")), row) for row in rows]

    def _key(self, value) -> str:
        if value is None:
            return NO_DEPARTMENT
        if self.by == BY_MONTH:
            return f"{value:%Y-%m}"  # TruncMonth already returns the local month
        return str(value)

    # --- figures ---------------------------------------------------------------------------
    def cohort(self, name: str, queryset, date_field: str | None, *, dept_field: str = "department_id",
               **aggregates) -> dict[str, dict]:
        """Several additive figures over one set of rows: {aggregate name: {group key: value,
        TOTAL: sum}}. Metrics of the same rows share it. The rows are grouped by department and
        month in one query, shared by the department and the month scopes of a computation (one
        pass over a period's rows instead of two)."""
        if name not in self._cohorts:
            result = {label: defaultdict(int) for label in aggregates}
            for department, month, row in self._by_department_and_month(name, queryset, date_field, dept_field,
                                                                         aggregates):
                key = self._key(month if self.by == BY_MONTH else department)
                for label in aggregates:
                    result[label][key] += row[label] or 0
            for label, values in result.items():
                # Groups where a figure is zero are left out, as in the other figures.
                result[label] = {key: value for key, value in values.items() if value}
                result[label][TOTAL] = sum(values.values())
            self._cohorts[name] = result
        return self._cohorts[name]

    def _by_department_and_month(self, name, queryset, date_field, dept_field, aggregates) -> list:
        shared_key = f"cohort:{name}"
        if shared_key not in self.shared:
            values = {"grouped_department": F(dept_field)}
            if date_field:
                values["grouped_month"] = TruncMonth(date_field, tzinfo=timezone.get_default_timezone())
            elif self.by == BY_MONTH:
                raise ValueError("a figure without a date field cannot be grouped by month")
            rows = self._narrow(queryset, date_field, dept_field).values(**values).annotate(**aggregates)
            self.shared[shared_key] = [(row.pop("grouped_department"), row.pop("grouped_month", None), row) for row in rows]
        return self.shared[shared_key]

    def count(self, queryset, date_field: str | None, *, dept_field: str = "department_id") -> dict[str, int]:
        result: dict[str, int] = defaultdict(int)
        for key, row in self._grouped(queryset, date_field, dept_field, n=Count("pk")):
            result[key] += row["n"]
        result[TOTAL] = sum(result.values())
        return dict(result)

    def ratio(self, queryset, date_field: str | None, numerator: Q, *,
              dept_field: str = "department_id") -> dict[str, list[int]]:
        """[numerator, denominator] per group; a rate is kept as its two counts so that it can be
        shown as "12/13" and added up across departments."""
        result: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        rows = self._grouped(queryset, date_field, dept_field, den=Count("pk"), num=Count("pk", filter=numerator))
        for key, row in rows:
            result[key][0] += row["num"]
            result[key][1] += row["den"]
        result[TOTAL] = [sum(v[0] for v in result.values()), sum(v[1] for v in result.values())]
        return dict(result)



def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
