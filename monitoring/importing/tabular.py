"""csv/xlsx files in the directory's import formats, through its django-import-export resources
(directory/resources.py), which validate every row with the models' own rules."""

from pathlib import Path

import tablib
from django.db import transaction
from django.utils.translation import gettext as _

from directory.resources import (
    AwardResource,
    BidResource,
    EntityRelationResource,
    MarketEntityResource,
    TradingProjectResource,
)
from monitoring.importing.report import ImportMode, ImportReport

RESOURCES = {
    "entities": MarketEntityResource,
    "relations": EntityRelationResource,
    "projects": TradingProjectResource,
    "bids": BidResource,
    "awards": AwardResource,
}

# A column only one kind of file has; the first match names the file's kind.
TELLING_COLUMNS = (("entity_type", "entities"), ("winner", "awards"), ("bidder", "bids"),
                   ("category", "projects"), ("kind", "relations"))


class UnreadableFile(Exception):
    """The file as a whole cannot be read; the message is shown to the user."""


def load_dataset(content: bytes, name: str) -> tablib.Dataset:
    suffix = Path(name).suffix.lower()
    try:
        if suffix == ".xlsx":
            return tablib.Dataset().load(content, format="xlsx")
        for encoding in ("utf-8-sig", "gb18030"):  # Excel in China saves csv as GB18030
            try:
                text = content.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise UnreadableFile(_("The file is neither UTF-8 nor GB18030 text."))
        return tablib.Dataset().load(text, format="csv")
    except UnreadableFile:
        raise
    except Exception as exc:  # tablib/openpyxl raise many kinds of errors on a broken file
        raise UnreadableFile(_("The file cannot be read as csv or xlsx: %(error)s") % {"error": exc}) from None


def detect_kind(dataset: tablib.Dataset) -> str:
    headers = {str(h).strip() for h in dataset.headers or []}
    for column, kind in TELLING_COLUMNS:
        if column in headers:
            return kind
    raise UnreadableFile(_("Cannot tell what the file holds from its columns; choose the content explicitly."))


def _row_errors(result) -> dict[int, list[str]]:
    errors: dict[int, list[str]] = {}
    for row in result.invalid_rows:
        for field, messages in row.error_dict.items():
            prefix = "" if field == "__all__" else f"{field}: "
            errors.setdefault(row.number, []).extend(prefix + str(m) for m in messages)
    for number, row_errors in result.row_errors():
        errors.setdefault(number, []).extend(str(e.error) for e in row_errors)
    for error in result.base_errors:
        errors.setdefault(0, []).append(str(error.error))
    return errors


def import_dataset(dataset: tablib.Dataset, *, kind: str, mode: ImportMode, report: ImportReport,
                   progress=None) -> None:
    resource_class = RESOURCES[kind]
    report.rows_read = len(dataset)
    checked = resource_class().import_data(dataset, dry_run=True, raise_errors=False)
    errors = _row_errors(checked)
    if progress:
        progress(len(dataset) // 2, 0.5)
    for number, messages in sorted(errors.items()):
        # Row 1 of the file is the header: data row n is file row n + 1.
        report.add_error(number + 1, "；".join(messages))
    if errors and mode == ImportMode.ALL_OR_NOTHING:
        return
    good = tablib.Dataset(headers=dataset.headers)
    for number, row in enumerate(dataset, start=1):
        if number not in errors:
            good.append(row)
    if not len(good):
        return
    with transaction.atomic():
        result = resource_class().import_data(good, dry_run=False, raise_errors=False)
        late = _row_errors(result)
        if late:  # rows that only fail together (e.g. a duplicate key twice in the file)
            for _number, messages in sorted(late.items()):
                report.add_error(0, "；".join(messages))
            transaction.set_rollback(True)
            return
    totals = result.totals
    report.rows_imported = totals.get("new", 0) + totals.get("update", 0)
    report.rows_unchanged = totals.get("skip", 0)
    report.written[f"directory.{resource_class._meta.model.__name__}"] += report.rows_imported
    report.committed = True
    if progress:
        progress(len(dataset), 1.0)
