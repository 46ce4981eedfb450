"""Screen runs: record each run (when, data extent, parameters, counts per screen, duration) and
report progress while it works."""

from __future__ import annotations

import logging
import time
from collections import Counter

from django.db import transaction
from django.utils import timezone, translation

from monitoring import screens
from monitoring.models import RunState, RunTrigger, ScreenRun
from monitoring.screens import data
from monitoring.services.leads import record_findings
from monitoring.services.parameters import effective_parameters
from portal.errors import PermissionRefused

logger = logging.getLogger(__name__)
RUN = "monitoring.run_screens"


def request_run(*, trigger: str, actor=None) -> ScreenRun:
    """Record a queued run and queue it as a Celery task after commit (in-process without Redis)."""
    if trigger == RunTrigger.BACK_OFFICE and (actor is None or not actor.has_perm(RUN)):
        raise PermissionRefused()
    with transaction.atomic():
        run = ScreenRun(trigger=trigger, requested_by=actor if actor and actor.is_authenticated else None)
        run.full_clean()
        run.save()
        from monitoring.tasks import execute_run

        transaction.on_commit(lambda: execute_run.delay(run.pk))
    return run


def _progress(run_id: int, percent: int, note: str) -> None:
    # Outside the run's transaction, so a back-office page polling the run sees it move.
    ScreenRun.objects.filter(pk=run_id).update(progress=percent, progress_note=str(note)[:200])


def execute_run(*, run_id: int) -> ScreenRun:
    """Run every enabled screen over all trading data and record the leads. The findings are
    written in one transaction: a failed run leaves the leads as they were."""
    ScreenRun.objects.filter(pk=run_id).update(state=RunState.RUNNING, started_at=timezone.now(), progress=1)
    started = time.perf_counter()
    try:
        parameters, enabled = effective_parameters()
        extent = data.data_extent()
        ScreenRun.objects.filter(pk=run_id).update(
            project_count=extent["projects"], bid_count=extent["bids"], bidder_count=extent["bidders"],
            data_from=extent["first"], data_until=extent["last"], parameters=parameters)
        with translation.override("zh-hans"):  # evidence sentences are stored in Chinese
            findings, seconds = screens.run_all(parameters, enabled,
                                                progress=lambda p, note: _progress(run_id, p, note))
        _progress(run_id, 85, "leads")
        run = ScreenRun.objects.get(pk=run_id)
        with transaction.atomic():
            counts = record_findings(run=run, findings=[f for items in findings.values() for f in items])
        summary = {}
        for screen, items in findings.items():
            row = Counter(counts.get(screen, {}))
            summary[screen] = {"findings": len(items), "created": row["created"], "updated": row["updated"],
                               "unchanged": row["unchanged"], "seconds": seconds.get(screen, 0.0)}
        ScreenRun.objects.filter(pk=run_id).update(
            state=RunState.SUCCEEDED, finished_at=timezone.now(), counts={**summary, "load_seconds": seconds["load"]},
            duration_seconds=round(time.perf_counter() - started, 3), progress=100, progress_note="")
    except Exception as error:
        logger.exception("Screen run %s failed", run_id)
        ScreenRun.objects.filter(pk=run_id).update(
            state=RunState.FAILED, finished_at=timezone.now(), error=repr(error)[:2000],
            duration_seconds=round(time.perf_counter() - started, 3))
        raise
    return ScreenRun.objects.get(pk=run_id)


def run_now(*, trigger: str, actor=None) -> ScreenRun:
    """Record a run and execute it in this process (command line, nightly task, demo)."""
    run = ScreenRun(trigger=trigger, requested_by=actor if actor and actor.is_authenticated else None)
    run.full_clean()
    run.save()
    return execute_run(run_id=run.pk)
