"""Spreadsheet exports that cannot carry formulas (CSV/formula injection, OWASP).

A cell that starts with =, +, -, @, a tab or a carriage return is run as a formula by Excel, WPS
and LibreOffice. Every csv and xlsx export of the portal passes its cells through
`neutralise_formula`, which prefixes such text with an apostrophe so it shows as typed. Plain
numbers (including negative ones) stay numbers.
"""

from __future__ import annotations

import re

import tablib
from import_export.formats.base_formats import CSV, XLSX

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")


def neutralise_formula(value):
    """The value as a spreadsheet should show it: text that would start a formula is quoted."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS) and not _PLAIN_NUMBER.match(value):
        return "'" + value
    return value


def neutralise_dataset(dataset: tablib.Dataset) -> tablib.Dataset:
    """A copy of a tablib dataset with every cell neutralised."""
    safe = tablib.Dataset(headers=[neutralise_formula(h) for h in (dataset.headers or [])] or None,
                          title=dataset.title)
    for row in dataset:
        safe.append([neutralise_formula(cell) for cell in row])
    return safe


def csv_bytes(dataset: tablib.Dataset) -> bytes:
    """UTF-8 csv with a byte order mark (Excel opens UTF-8 csv correctly only with one)."""
    return ("\ufeff" + neutralise_dataset(dataset).csv).encode("utf-8")


def xlsx_bytes(dataset: tablib.Dataset) -> bytes:
    return neutralise_dataset(dataset).export("xlsx")


class SafeCSV(CSV):
    """django-import-export csv (Django admin exports) without live formulas."""

    def export_data(self, dataset, **kwargs):
        return super().export_data(neutralise_dataset(dataset), **kwargs)


class SafeXLSX(XLSX):
    """django-import-export xlsx (Django admin exports) without live formulas."""

    def export_data(self, dataset, **kwargs):
        return super().export_data(neutralise_dataset(dataset), **kwargs)


class SafeSpreadsheetExportMixin:
    """For Wagtail listing views with `list_export` (SpreadsheetExportMixin): csv and xlsx cells
    go through `neutralise_formula`. Put it before the Wagtail view class."""

    def preprocess_field_value(self, field, value, export_format):
        return neutralise_formula(super().preprocess_field_value(field, value, export_format))
