"""Thin Celery tasks: take ids, call a service."""

from celery import shared_task

from inspections.services import plans, publication


@shared_task(name="inspections.run_draw", bind=True, max_retries=3, default_retry_delay=30)
def run_draw(self, plan_id: int) -> str:
    return plans.execute_draw(plan_id=plan_id)


@shared_task(name="inspections.start_due_draws")
def start_due_draws() -> list[str]:
    return plans.start_due_draws()


@shared_task(name="inspections.send_publication_reminders")
def send_publication_reminders() -> dict:
    return publication.send_publication_reminders()
