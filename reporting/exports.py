"""xlsx export of the dashboard's tables (one sheet per table)."""

from __future__ import annotations

import io
import re

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from portal.spreadsheets import neutralise_formula
from reporting.presentation import Table

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _sheet_title(title: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", " ", title)[:28] or "Sheet"
    name, n = base, 2
    while name in used:
        name, n = f"{base[:25]} {n}", n + 1
    used.add(name)
    return name


def workbook_bytes(tables: list[Table], *, heading: str = "") -> bytes:
    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for table in tables:
        sheet = book.create_sheet(_sheet_title(table.title, used))
        row = 1
        if heading:
            sheet.cell(row=1, column=1, value=neutralise_formula(f"{heading} · {table.title}")).font = Font(bold=True)
            row = 3
        for column, title in enumerate(table.columns, start=1):
            sheet.cell(row=row, column=column, value=neutralise_formula(title)).font = Font(bold=True)
        for cells in table.rows:
            row += 1
            for column, cell in enumerate(cells, start=1):
                target = sheet.cell(row=row, column=column, value=neutralise_formula(cell.value if cell.value is not None else cell.text))
                if cell.percent:
                    target.number_format = "0.0%"
        for column, title in enumerate(table.columns, start=1):
            width = max([len(str(title))] + [len(cells[column - 1].text) for cells in table.rows if len(cells) >= column])
            sheet.column_dimensions[get_column_letter(column)].width = min(60, max(10, width * 2 + 2))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
