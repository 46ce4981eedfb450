import logging

from celery import shared_task
from django.utils import timezone

from directory.calendar import calendar_warnings

logger = logging.getLogger(__name__)


@shared_task(name="directory.check_calendar_coverage")
def check_calendar_coverage() -> list[str]:
    """Daily: warn while this or next year's holiday schedule is missing."""
    warnings = calendar_warnings(timezone.localdate())
    for message in warnings:
        logger.warning("Calendar coverage: %s", message)
    return warnings
