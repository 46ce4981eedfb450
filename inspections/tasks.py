"""Thin Celery tasks: take ids, call a service."""

from celery import shared_task

from inspections.services import draw_recovery, plans, publication


@shared_task(name="inspections.run_draw", bind=True, max_retries=3, default_retry_delay=30)
def run_draw(self, plan_id: int) -> str:
    retries = self.request.retries
    while True:
        try:
            return plans.execute_draw(plan_id=plan_id)
        except Exception as exc:  # database or worker trouble: retry, then fail the plan
            if retries >= self.max_retries:
                draw_recovery.fail_after_errors(plan_id=plan_id, error=f"{type(exc).__name__}: {exc}")
                raise
            if not self.request.is_eager:
                raise self.retry(exc=exc) from exc
            retries += 1  # in-process (embedded default): Celery cannot re-queue, so retry at once


@shared_task(name="inspections.sweep_stuck_draws")
def sweep_stuck_draws() -> dict:
    return draw_recovery.sweep_stuck_draws()


@shared_task(name="inspections.start_due_draws")
def start_due_draws() -> list[str]:
    return plans.start_due_draws()


@shared_task(name="inspections.send_publication_reminders")
def send_publication_reminders() -> dict:
    return publication.send_publication_reminders()
