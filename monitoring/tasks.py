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


@shared_task(name="monitoring.run_trading_import")
def run_trading_import(import_id: int) -> int:
    from monitoring.services.imports import run_trading_import as run

    return run(import_id=import_id).pk
