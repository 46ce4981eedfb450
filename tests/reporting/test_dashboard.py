import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cases.models import Kind
from reporting.services import freeze_quarter
from tests.factories.reporting import local

Q4 = {"kind": "quarter", "year": 2024, "quarter": 4}


@pytest.fixture
def supervisor_client(client, office):
    client.force_login(office["supervisor"])
    return client


@pytest.mark.parametrize("role", ["supervisor", "intake", "auditor"])
def test_office_roles_and_auditor_see_the_dashboard(q4, office, client, role):
    client.force_login(office[role])
    response = client.get(reverse("reporting_dashboard"), Q4)
    assert response.status_code == 200
    html = response.content.decode()
    assert "住建局" in html and "交通局" in html
    assert "80.0% (4/5)" in html  # decided on time
    assert html.count('class="pygal-chart"') == 3


@pytest.mark.parametrize("role", ["editor", "handler"])
def test_other_roles_are_refused(q4, office, client, role):
    client.force_login(office[role])
    assert client.get(reverse("reporting_dashboard"), Q4).status_code in (302, 403)
    assert client.get(reverse("reporting_export", args=["all"]), Q4).status_code in (302, 403)


def test_menu_shows_statistics_only_to_those_allowed(q4, office, client):
    client.force_login(office["auditor"])
    assert reverse("reporting_dashboard") in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(office["editor"])
    assert reverse("reporting_dashboard") not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_bad_period_shows_an_error_and_the_last_quarter(supervisor_client, q4):
    response = supervisor_client.get(reverse("reporting_dashboard"), {"kind": "custom", "first": "2024-12-01",
                                                                       "last": "2024-10-01"})
    assert response.status_code == 200
    assert response.context["rejected"]
    assert response.context["form"].non_field_errors()


def test_custom_period_and_department(supervisor_client, q4, departments):
    zj, _jt = departments
    response = supervisor_client.get(reverse("reporting_dashboard"), {
        "kind": "custom", "first": "2024-10-01", "last": "2024-11-30", "department": zj.pk,
    })
    values = [cell.text for _label, cell, _help in response.context["headlines"]]
    assert "2" in values  # ZJ received B and T
    assert "100.0% (3/3)" in values


def test_live_and_published_figures(supervisor_client, q4):
    freeze_quarter(year=2024, quarter=4, today=local("2025-01-01").date())
    from cases.models import Case

    Case.objects.filter(pk=q4["D"].pk).update(decided_at=local("2025-01-06"))
    live = supervisor_client.get(reverse("reporting_dashboard"), {**Q4, "source": "live"}).content.decode()
    published = supervisor_client.get(reverse("reporting_dashboard"), {**Q4, "source": "published"}).content.decode()
    assert "100.0% (4/4)" in live  # D no longer decided in Q4
    assert "80.0% (4/5)" in published


def test_overdue_list_on_the_dashboard(supervisor_client, q4):
    html = supervisor_client.get(reverse("reporting_dashboard"), Q4).content.decode()
    assert q4["O1"].number in html  # its deadline passed in December 2024
    assert q4["O2"].number in html  # passed by now too
    assert q4["O3"].number not in html  # suspended


def test_export_every_table_to_xlsx(supervisor_client, q4):
    response = supervisor_client.get(reverse("reporting_export", args=["all"]), Q4)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    assert len(book.sheetnames) >= 7  # sections, departments, months, overdue
    department_sheet = next(book[name] for name in book.sheetnames if "部门" in name or "Department" in name)
    rows = [[c.value for c in row] for row in department_sheet.iter_rows()]
    assert any(row[0] == "住建局" for row in rows)
    one = supervisor_client.get(reverse("reporting_export", args=["departments"]), Q4)
    assert len(load_workbook(io.BytesIO(one.content)).sheetnames) == 1
    assert supervisor_client.get(reverse("reporting_export", args=["nonsense"]), Q4).status_code == 404


def test_exported_rates_are_numbers(supervisor_client, q4):
    response = supervisor_client.get(reverse("reporting_export", args=["section-handling"]), Q4)
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = {row[0].value: row[1] for row in sheet.iter_rows(min_row=4)}
    on_time = next(cell for label, cell in values.items() if label and ("按期" in label or "on time" in label))
    assert on_time.value == pytest.approx(0.8)
    assert on_time.number_format == "0.0%"


def test_printable_version_has_charts_and_tables(supervisor_client, q4):
    response = supervisor_client.get(reverse("reporting_print"), Q4)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="pygal-chart"') == 3
    assert "print.css" in html
    assert "住建局" in html


def test_overdue_list_leaves_out_a_filer_late_to_rate(supervisor_client, q4, departments):
    """A replied case waiting for the filer's rating is not the office's delay: the list agrees
    with the "open and overdue" figure, and shows no untranslated deadline code."""
    from cases.models import State
    from tests.factories.reporting import CaseRowFactory

    _zj, jt = departments
    waiting = CaseRowFactory(kind=Kind.COMPLAINT, department=jt, state=State.REPLIED, received="2024-09-02",
                             accepted="2024-09-03", decided="2024-10-08", replied="2024-10-09",
                             current_deadline="rating", current_due="2024-10-20")
    response = supervisor_client.get(reverse("reporting_dashboard"), Q4)
    overdue = next(table for table in response.context["tables"] if table.key == "overdue")
    numbers = [row[0].text for row in overdue.rows]
    assert q4["O1"].number in numbers
    assert waiting.number not in numbers
    assert "rating" not in [row[3].text for row in overdue.rows]


def test_dashboard_header_names_the_page(supervisor_client, q4):
    html = supervisor_client.get(reverse("reporting_dashboard"), Q4).content.decode()
    header = html.split('<header', 1)[1].split("</header>", 1)[0]
    assert "统计分析" in header


def test_statistics_wording_is_not_borrowed_from_other_apps(supervisor_client, q4):
    """"Received" and "Decided" mean a date on a case page but a count here."""
    html = supervisor_client.get(reverse("reporting_dashboard"), Q4).content.decode()
    assert "收到日期" not in html  # the cases app's column heading
    assert "办结数" in html and "收件" in html
