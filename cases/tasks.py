"""Thin Celery tasks: take ids or nothing, call a service. All idempotent."""

from celery import shared_task

from cases import deadlines, services


@shared_task(name="cases.anonymise_expired_filers")
def anonymise_expired_filers() -> int:
    from cases.services.retention import anonymise_expired_filers as anonymise

    return anonymise()


@shared_task(name="cases.expire_supplements")
def expire_supplements() -> int:
    return services.expire_supplements(deadlines.today())


@shared_task(name="cases.close_unrated")
def close_unrated() -> int:
    return services.close_unrated(deadlines.today())


@shared_task(name="cases.send_reminders")
def send_reminders() -> int:
    return services.send_reminders(deadlines.today())


@shared_task(name="cases.issue_overdue_notices")
def issue_overdue_notices() -> int:
    return services.issue_overdue_notices(deadlines.today())


@shared_task(name="cases.escalate_overdue")
def escalate_overdue() -> int:
    return services.escalate_overdue(deadlines.today())
