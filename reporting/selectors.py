"""Reads for the dashboard: live or frozen figures and the live overdue list."""

from __future__ import annotations

import datetime as dt

from django.db.models import F, OuterRef
from django.utils import timezone

from reporting.figures import Period, compute_statistics
from reporting.figures.clock import ordinal_on
from reporting.figures.period import QUARTER
from reporting.models import QuarterlySnapshot

OVERDUE_LIST_LIMIT = 500


def snapshot_for(period: Period) -> QuarterlySnapshot | None:
    if period.kind != QUARTER:
        return None
    return QuarterlySnapshot.objects.filter(year=period.first.year, quarter=period.quarter_number).first()


def live_statistics(period: Period, *, department_id: int | None = None) -> dict:
    return compute_statistics(period, department_id=department_id)


def overdue_cases(user, *, department_id: int | None = None, today: dt.date | None = None):
    """Open cases past a deadline of the office or a department (acceptance, decision, reply: the
    ones the "open and overdue" figure counts; a filer's late supplement or rating is not the
    office's delay) that this user may see, most overdue first, with `workdays_overdue` counted
    in the database."""
    from cases.deadlines import SUPERVISED_DEADLINES
    from cases.selectors import queue
    from reporting.workdays import check_workday_index

    today = today or timezone.localdate()
    check_workday_index(today - dt.timedelta(days=400), today)
    cases = queue(user, "overdue").filter(current_deadline__in=SUPERVISED_DEADLINES, current_due__lt=today)
    if department_id is not None:
        cases = cases.filter(department_id=department_id)
    return (
        cases.annotate(ord_due=ordinal_on(OuterRef("current_due")))
        .annotate(workdays_overdue=ordinal_on(today) - F("ord_due"))
        .order_by("current_due", "number")
    )
