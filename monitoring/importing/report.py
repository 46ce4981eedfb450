"""What an import did: counts, bad rows (file, row, reason in the active language) and whether
anything was written."""

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

from django.utils.translation import gettext as _


class ImportMode(StrEnum):
    ALL_OR_NOTHING = "all_or_nothing"
    GOOD_ROWS_ONLY = "good_rows_only"


@dataclass(frozen=True)
class RowError:
    file: str
    row: int
    reason: str
    reference: str = ""  # OCDS ocid or the row's natural key, when known

    def __str__(self):
        params = {"file": self.file, "row": self.row, "reason": self.reason, "reference": self.reference}
        if self.reference:
            return _("%(file)s, row %(row)s (%(reference)s): %(reason)s") % params
        return _("%(file)s, row %(row)s: %(reason)s") % params


@dataclass
class ImportReport:
    file: str
    kind: str
    mode: ImportMode
    rows_read: int = 0
    rows_imported: int = 0
    rows_unchanged: int = 0
    written: Counter = field(default_factory=Counter)  # model label → rows inserted or updated
    errors: list[RowError] = field(default_factory=list)
    committed: bool = False
    seconds: float = 0.0

    @property
    def has_errors(self) -> bool:
        return bool(self.errors)

    def add_error(self, row: int, reason, reference: str = "") -> None:
        self.errors.append(RowError(self.file, row, str(reason), reference))

    def as_dict(self) -> dict:
        return {
            "file": self.file,
            "kind": self.kind,
            "mode": str(self.mode),
            "rows_read": self.rows_read,
            "rows_imported": self.rows_imported,
            "rows_unchanged": self.rows_unchanged,
            "written": dict(self.written),
            "errors": [
                {"file": e.file, "row": e.row, "reason": e.reason, "reference": e.reference}
                for e in self.errors
            ],
            "committed": self.committed,
            "seconds": round(self.seconds, 3),
        }
