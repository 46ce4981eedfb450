"""Trading data import: OCDS release packages, csv and xlsx into the directory's market tables.

The service interface (used by `manage.py import_trading`, the back-office upload task and the
API's `POST /api/v1/trading/releases/`):

    import_ocds_releases(releases: Iterable[dict], *, mode, progress=None,
                         default_department=None, file_name="") -> ImportReport
        Releases are OCDS 1.1 release dicts with the bids extension, treated as compiled
        releases (each carries the whole tender: parties, tender, bids, awards). The iterable is
        consumed once, in chunks of CHUNK_RELEASES, so a stream of any length fits in memory.

    import_trading_file(path_or_file, *, kind=None, mode, progress=None,
                        default_department=None, name=None) -> ImportReport
        A path or a binary file object. kind: "ocds" (a release package, streamed with ijson),
        "entities", "relations", "projects", "bids", "awards" (the directory's csv/xlsx formats,
        see README "Trading data import"), or None/"auto" to recognise it from the name (.json)
        or the columns.

    mode: "all_or_nothing" (ImportMode.ALL_OR_NOTHING, the default): a file with any bad row
          writes nothing; "good_rows_only": bad rows are skipped, the rest is written.
    progress(rows_read: int, fraction: float | None): called after every chunk; fraction is
          the share of the file read, when known.
    default_department: the supervising department of tenders whose release names no party
          with role reviewBody.

ImportReport: rows_read, rows_imported, rows_unchanged, written (model → rows), errors (RowError:
file, row, reason in the active language, reference such as the ocid), committed, seconds,
as_dict(). Nothing is ever half-written: each call is one transaction.

Idempotency: an OCDS release is remembered by ocid (monitoring.OcdsRelease); the same release id
again changes nothing, a newer release of the ocid updates its tender, bids and award (bids the
newer release no longer lists are removed), an older one is ignored. csv/xlsx rows are keyed on
the natural codes (entity credit code, project code, project + bidder).
"""

from monitoring.importing.report import ImportMode, ImportReport, RowError
from monitoring.importing.service import KINDS, import_ocds_releases, import_trading_file, stream_releases

__all__ = [
    "KINDS",
    "ImportMode",
    "ImportReport",
    "RowError",
    "import_ocds_releases",
    "import_trading_file",
    "stream_releases",
]
