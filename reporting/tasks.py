from celery import shared_task
from django.utils import timezone

from reporting.figures import Period
from reporting.services import draft_quarterly_report as draft_report
from reporting.workdays import refresh_workday_index as refresh_index


@shared_task(name="reporting.draft_quarterly_report")
def draft_quarterly_report(year: int | None = None, quarter: int | None = None) -> int:
    """At each quarter's start: freeze the quarter just ended and draft its report page.
    Running it again for the same quarter changes nothing."""
    if year is None or quarter is None:
        previous = Period.previous_quarter(timezone.localdate())
        year, quarter = previous.first.year, previous.quarter_number
    return draft_report(year=year, quarter=quarter).pk


@shared_task(name="reporting.refresh_workday_index")
def refresh_workday_index() -> str:
    """Daily: extend the working-day index into a new year or follow a new chinese-calendar release.
    Calendar edits refresh it themselves."""
    state = refresh_index()
    return f"{state.first}..{state.last}"
