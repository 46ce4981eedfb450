"""Import trading data files: OCDS release packages (JSON) and the directory's csv/xlsx formats."""

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from directory.models import Department
from monitoring.importing import KINDS, ImportMode, import_trading_file


class ProgressBar:
    """One self-overwriting line on a terminal; nothing when the output is not a terminal."""

    WIDTH = 30

    def __init__(self, stream, label: str):
        self.stream = stream
        self.label = label
        self.started = time.monotonic()
        self.enabled = stream.isatty()

    def __call__(self, rows: int, fraction: float | None):
        if not self.enabled:
            return
        elapsed = time.monotonic() - self.started
        if fraction is None:
            bar = f"{rows:,} rows"
        else:
            filled = int(self.WIDTH * fraction)
            bar = f"[{'#' * filled}{'.' * (self.WIDTH - filled)}] {fraction:4.0%} {rows:,} rows"
        self.stream.write(f"\r{self.label} {bar} {elapsed:5.0f}s")
        self.stream.flush()

    def close(self):
        if self.enabled:
            self.stream.write("\n")


class Command(BaseCommand):
    help = ("Import trading data: OCDS 1.1 release packages (.json, with the bids extension) and csv/xlsx "
            "files of entities, relations, projects, bids and awards (see README, 'Trading data import').")

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--kind", choices=("auto", *KINDS), default="auto",
                            help="What the files hold; by default recognised from the name (.json) or the columns.")
        parser.add_argument("--good-rows-only", action="store_true",
                            help="Import the good rows of a file with bad rows (default: import nothing from it).")
        parser.add_argument("--department", metavar="CODE",
                            help="Supervising department of tenders whose release names no reviewBody party.")

    def handle(self, *args, files, kind, good_rows_only, department, **options):
        default_department = None
        if department:
            default_department = Department.objects.filter(code=department).first()
            if default_department is None:
                raise CommandError(f"No department with code {department}.")
        mode = ImportMode.GOOD_ROWS_ONLY if good_rows_only else ImportMode.ALL_OR_NOTHING
        failed = False
        for path in files:
            bar = ProgressBar(sys.stderr, path)
            try:
                report = import_trading_file(path, kind=kind, mode=mode, progress=bar,
                                             default_department=default_department)
            except OSError as exc:
                raise CommandError(f"{path}: {exc}") from exc
            finally:
                bar.close()
            for error in report.errors:
                self.stderr.write(str(error))
            written = ", ".join(f"{label} {count:,}" for label, count in sorted(report.written.items()))
            status = "imported" if report.committed else "NOT imported"
            self.stdout.write(
                f"{path}: {status} ({report.kind}) — {report.rows_read:,} rows read, {report.rows_imported:,} imported, "
                f"{report.rows_unchanged:,} unchanged, {len(report.errors):,} with errors; "
                f"written: {written or 'nothing'}; {report.seconds:.1f} s"
            )
            failed = failed or bool(report.errors)
        if failed:
            raise CommandError("Some rows could not be imported; see the messages above.")
