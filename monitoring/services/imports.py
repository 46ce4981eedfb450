"""Back-office imports of trading data: record the upload, run it as a Celery task and keep its
progress and report on the TradingImport row that the upload page polls."""

from __future__ import annotations

import logging
from pathlib import Path

from django.db import connection, connections, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from monitoring.importing import import_trading_file
from monitoring.models import RunState, TradingImport
from portal.errors import DomainError, PermissionRefused

logger = logging.getLogger(__name__)
IMPORT = "monitoring.import_trading_data"
ALLOWED_SUFFIXES = (".json", ".csv", ".xlsx")


@transaction.atomic
def start_trading_import(*, actor, upload, kind: str = TradingImport.Kind.AUTO,
                         mode: str = TradingImport.Mode.ALL_OR_NOTHING, default_department=None) -> TradingImport:
    """Store the uploaded file and queue its import (after commit; in-process without Redis)."""
    if actor is None or not actor.has_perm(IMPORT):
        raise PermissionRefused()
    name = Path(upload.name or "").name
    if Path(name).suffix.lower() not in ALLOWED_SUFFIXES:
        raise DomainError(_("Upload an OCDS release package (.json) or a csv/xlsx file."))
    job = TradingImport(file=upload, original_name=name[:255], kind=kind, mode=mode,
                        default_department=default_department, requested_by=actor)
    job.full_clean()
    job.save()
    from monitoring.tasks import run_trading_import

    transaction.on_commit(lambda: run_trading_import.delay(job.pk))
    return job


class ProgressRecorder:
    """Writes an import's progress where a polling page can see it although the import itself is
    one long transaction: on PostgreSQL through a second, autocommitting connection. Elsewhere
    (SQLite, whose writer lock the import holds) progress is only recorded at the end."""

    def __init__(self, job_id: int):
        self.job_id = job_id
        self.last = -1
        self.connection = connections.create_connection("default") if connection.vendor == "postgresql" else None

    def __call__(self, rows: int, fraction: float | None):
        if self.connection is None:
            return
        percent = min(99, int((fraction or 0) * 100))
        if percent == self.last and rows % 10_000:
            return
        self.last = percent
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {TradingImport._meta.db_table} SET progress = %s, rows_done = %s WHERE id = %s",  # noqa: S608
                [percent, rows, self.job_id],
            )

    def close(self):
        if self.connection is not None:
            self.connection.close()


def run_trading_import(*, import_id: int) -> TradingImport:
    """Import the stored file; a retried task does not import it twice."""
    claimed = TradingImport.objects.filter(pk=import_id, state=RunState.QUEUED).update(
        state=RunState.RUNNING, started_at=timezone.now(), progress=0)
    job = TradingImport.objects.select_related("default_department").get(pk=import_id)
    if not claimed:
        return job
    recorder = ProgressRecorder(job.pk)
    try:
        with job.file.open("rb") as stream, translation.override("zh-hans"):  # reasons are stored in Chinese
            report = import_trading_file(stream, kind=job.kind, mode=job.mode, progress=recorder,
                                         default_department=job.default_department, name=job.original_name)
    except Exception as exc:  # the page must say the import failed rather than spin forever
        logger.exception("Trading import %s failed", import_id)
        TradingImport.objects.filter(pk=import_id).update(
            state=RunState.FAILED, finished_at=timezone.now(), error=str(exc)[:2000])
        return TradingImport.objects.get(pk=import_id)
    finally:
        recorder.close()
    TradingImport.objects.filter(pk=import_id).update(
        state=RunState.SUCCEEDED, finished_at=timezone.now(), progress=100, rows_done=report.rows_read,
        report=report.as_dict())
    job.refresh_from_db()
    return job
