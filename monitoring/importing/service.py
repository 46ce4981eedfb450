import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

import ijson
from django.db import transaction
from django.utils.translation import gettext as _

from directory.models import Department
from monitoring.importing.ocds import ReleaseError, ReleaseParser
from monitoring.importing.report import ImportMode, ImportReport
from monitoring.importing.tabular import UnreadableFile, detect_kind, import_dataset, load_dataset
from monitoring.importing.writer import ChunkWriter

# Releases parsed and written per chunk; bounds memory whatever the file's size.
CHUNK_RELEASES = 2000
READ_BUFFER = 256 * 1024

Progress = Callable[[int, float | None], None]
KINDS = ("ocds", "entities", "relations", "projects", "bids", "awards")


def import_ocds_releases(
    releases: Iterable[dict],
    *,
    mode: ImportMode | str = ImportMode.ALL_OR_NOTHING,
    progress: Progress | None = None,
    default_department: Department | None = None,
    file_name: str = "",
    fraction: Callable[[], float | None] | None = None,
) -> ImportReport:
    """Import OCDS releases (dicts, e.g. streamed by ijson); see the package docstring."""
    mode = ImportMode(mode)
    report = ImportReport(file=file_name, kind="ocds", mode=mode)
    started = time.monotonic()
    parser = ReleaseParser(default_department=default_department)
    writer = ChunkWriter()
    chunk = []

    def reject(release, reason):
        report.add_error(release.row, reason, release.ocid)

    def flush():
        # Once an all-or-nothing import has an error it will roll back: stop writing, keep checking.
        if chunk and not (report.errors and mode == ImportMode.ALL_OR_NOTHING):
            written, unchanged = writer.write(chunk, reject)
            report.rows_imported += len(written)
            report.rows_unchanged += unchanged
        chunk.clear()
        if progress:
            progress(report.rows_read, fraction() if fraction else None)

    with transaction.atomic():
        try:
            for row, release in enumerate(releases, start=1):
                report.rows_read = row
                try:
                    chunk.append(parser.parse(release, row))
                except ReleaseError as exc:
                    report.add_error(row, exc, str(release.get("ocid") or "") if isinstance(release, dict) else "")
                if len(chunk) >= CHUNK_RELEASES:
                    flush()
            flush()
        except (ijson.JSONError, UnicodeDecodeError) as exc:
            # A broken file is never imported in part, whatever the mode.
            report.add_error(report.rows_read + 1, _("The file is not valid JSON: %(error)s") % {"error": exc})
            transaction.set_rollback(True)
        else:
            if report.errors and mode == ImportMode.ALL_OR_NOTHING:
                transaction.set_rollback(True)
            else:
                report.committed = True
                report.written.update(writer.written)
    if not report.committed:
        report.rows_imported = 0
        report.rows_unchanged = 0
    report.seconds = time.monotonic() - started
    return report


def stream_releases(stream: BinaryIO) -> Iterable[dict]:
    """The releases of an OCDS release package, read in buffers of READ_BUFFER bytes."""
    return ijson.items(stream, "releases.item", buf_size=READ_BUFFER)


def _size(stream) -> int | None:
    try:
        position = stream.tell()
        stream.seek(0, 2)
        size = stream.tell()
        stream.seek(position)
        return size
    except (AttributeError, OSError):
        return None


def import_trading_file(
    path_or_file: str | Path | BinaryIO,
    *,
    kind: str | None = None,
    mode: ImportMode | str = ImportMode.ALL_OR_NOTHING,
    progress: Progress | None = None,
    default_department: Department | None = None,
    name: str | None = None,
) -> ImportReport:
    """Import one file (OCDS JSON, csv or xlsx); see the package docstring."""
    mode = ImportMode(mode)
    if isinstance(path_or_file, str | Path):
        name = name or Path(path_or_file).name
        with open(path_or_file, "rb") as stream:
            return import_trading_file(stream, kind=kind, mode=mode, progress=progress,
                                       default_department=default_department, name=name)
    stream = path_or_file
    name = name or Path(getattr(stream, "name", "") or "upload").name
    if kind in (None, "", "auto"):
        kind = "ocds" if name.lower().endswith(".json") else None
    if kind == "ocds":
        size = _size(stream)
        return import_ocds_releases(
            stream_releases(stream), mode=mode, progress=progress, default_department=default_department,
            file_name=name, fraction=(lambda: min(stream.tell() / size, 1.0)) if size else None,
        )
    report = ImportReport(file=name, kind=kind or "auto", mode=mode)
    started = time.monotonic()
    try:
        dataset = load_dataset(stream.read(), name)
        kind = kind or detect_kind(dataset)
        report.kind = kind
        if kind not in KINDS:
            raise UnreadableFile(_("Unknown content “%(kind)s”.") % {"kind": kind})
        import_dataset(dataset, kind=kind, mode=mode, report=report, progress=progress)
    except UnreadableFile as exc:
        report.add_error(1, exc)
    report.seconds = time.monotonic() - started
    return report
