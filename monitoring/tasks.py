"""Thin Celery tasks: take ids, call a service."""

from celery import shared_task

from monitoring.models import RunTrigger
from monitoring.services import runs


@shared_task(name="monitoring.execute_run")
def execute_run(run_id: int) -> int:
    return runs.execute_run(run_id=run_id).pk


@shared_task(name="monitoring.nightly_run")
def nightly_run() -> int:
    return runs.run_now(trigger=RunTrigger.NIGHTLY).pk
