"""Issue 9, item 1: every export applies the case page's visibility and reveal rules, and the one
export with identities is an audited reveal."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from cases.models import CaseEvent, Kind, State
from cases.resources import CaseListResource
from directory.roles import INSPECTION_MANAGER
from tests.factories.cases import VALID_ID_NUMBER, CaseFactory, advance, make_staff

pytestmark = pytest.mark.django_db

CONFIDENTIAL_NAME = "李秘密"
CONFIDENTIAL_PHONE = "13511112222"
EXPORT_URL = "/django-admin/cases/case/export/"


@pytest.fixture
def cases(team):
    confidential = CaseFactory(kind=Kind.REPORT, filer_name=CONFIDENTIAL_NAME, filer_id_number=VALID_ID_NUMBER,
                               filer_phone=CONFIDENTIAL_PHONE, is_confidential=True, title="举报评标专家收受好处")
    advance(confidential, team, State.ASSIGNED)
    named = CaseFactory(title="对评标结果的投诉")  # a real-name complaint (张伟)
    elsewhere = CaseFactory(title="另一部门的投诉")
    advance(elsewhere, team, State.ACCEPTED)
    return {"confidential": confidential, "named": named, "elsewhere": elsewhere}


@pytest.fixture
def staff_client(client_for):
    def make(user):
        user.is_staff = True  # as directory.services gives office supervisors and inspection managers
        user.save(update_fields=["is_staff"])
        return client_for(user)

    return make


def admin_export(client):
    fields = {f"{CaseListResource.__name__.lower()}_{name}": "on" for name in CaseListResource().get_export_order()}
    return client.post(EXPORT_URL, {"format": "0", "resource": "0", **fields})


def test_staff_without_case_permissions_get_no_case_export(team, cases, staff_client):
    inspmgr = staff_client(make_staff(INSPECTION_MANAGER, team.office, username="t_inspmgr"))
    assert inspmgr.get(EXPORT_URL).status_code == 403
    assert admin_export(inspmgr).status_code == 403
    assert inspmgr.get("/django-admin/cases/case/").status_code == 403


def test_django_admin_export_has_no_hidden_identity_and_no_contact_data(team, cases, staff_client):
    response = admin_export(staff_client(team.supervisor))
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    body = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][:2] == ["案件编号", "类型"]
    assert {row[0] for row in rows[1:]} == {c.number for c in cases.values()}
    assert CONFIDENTIAL_NAME not in body and CONFIDENTIAL_PHONE not in body and VALID_ID_NUMBER not in body
    assert "zhangwei@example.cn" not in body and "13800001111" not in body
    assert "（保密）" in body or "(保密)" in body or "保密" in body
    # Exporting without identities is no reveal.
    assert not CaseEvent.objects.filter(action="identity_revealed").exists()


def test_django_admin_lists_only_visible_cases_and_has_no_case_detail(team, cases, staff_client):
    department_head = staff_client(team.head)
    body = admin_export(department_head).content.decode("utf-8-sig")
    assert cases["confidential"].number in body and cases["elsewhere"].number not in body
    supervisor = staff_client(team.supervisor)
    detail = reverse("admin:cases_case_change", args=[cases["confidential"].pk])
    assert supervisor.get(detail).status_code in (302, 403)


def test_queue_exports_leave_hidden_identities_out(team, cases, client_for):
    for fmt in ("csv", "xlsx"):
        response = client_for(team.supervisor).get(reverse("cases_queue", args=["all"]) + f"?export={fmt}")
        content = b"".join(response.streaming_content)
        if fmt == "xlsx":
            sheet = openpyxl.load_workbook(io.BytesIO(content)).active
            content = "\n".join(str(v) for row in sheet.iter_rows(values_only=True) for v in row).encode()
        text = content.decode("utf-8")
        assert cases["confidential"].number in text
        assert CONFIDENTIAL_NAME not in text and VALID_ID_NUMBER not in text and CONFIDENTIAL_PHONE not in text
    assert not CaseEvent.objects.filter(action="identity_revealed").exists()


def identity_export_url(queue="all", **params):
    from urllib.parse import urlencode

    url = reverse("cases_identity_export", args=[queue])
    return f"{url}?{urlencode(params)}" if params else url


def test_identity_export_needs_the_reveal_permission(team, cases, client_for):
    def refused(response):  # Wagtail answers a PermissionDenied with a redirect to its dashboard
        return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")

    for user in (team.intake, team.head, team.handler, team.auditor):
        assert refused(client_for(user).get(identity_export_url())), user.username
        assert refused(client_for(user).post(identity_export_url(), {"reason": "x", "file_format": "csv"}))
    assert not CaseEvent.objects.filter(action="identity_revealed").exists()


def test_identity_export_without_a_reason_exports_nothing(team, cases, client_for):
    client = client_for(team.supervisor)
    page = client.get(identity_export_url())
    assert page.status_code == 200 and "3 件案件" in page.content.decode() and "审计记录" in page.content.decode()
    queue_page = client.get(reverse("cases_queue", args=["all"])).content.decode()
    assert identity_export_url() in queue_page
    handler_page = client_for(team.handler).get(reverse("cases_queue", args=["department"])).content.decode()
    assert "identities" not in handler_page
    response = client.post(identity_export_url(), {"reason": " ", "file_format": "csv"})
    assert response.status_code == 200 and "attachment" not in response.get("Content-Disposition", "")
    assert not CaseEvent.objects.filter(action="identity_revealed").exists()


def test_identity_export_is_a_recorded_reveal_of_every_exported_case(team, cases, client_for):
    client = client_for(team.supervisor)
    response = client.post(identity_export_url(kind="report"), {"reason": "纪委监委调查需要", "file_format": "csv"})
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == [cases["confidential"].number]  # the filtered list only
    assert CONFIDENTIAL_NAME in rows[1] and VALID_ID_NUMBER in rows[1] and CONFIDENTIAL_PHONE in rows[1]
    events = CaseEvent.objects.filter(action="identity_revealed")
    assert [(e.case_id, e.actor_id) for e in events] == [(cases["confidential"].pk, team.supervisor.pk)]
    assert "纪委监委调查需要" in events[0].note and events[0].data["export"] == "csv"
    timeline = client.get(reverse("cases_case", args=[cases["confidential"].pk])).content.decode()
    assert "纪委监委调查需要" in timeline


def test_statistics_export_carries_no_identity(team, cases, client_for):
    response = client_for(team.supervisor).get(reverse("reporting_export", args=["all"]))
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    cells = [str(value) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for value in row]
    text = "\n".join(cells)
    assert CONFIDENTIAL_NAME not in text and VALID_ID_NUMBER not in text and CONFIDENTIAL_PHONE not in text
    assert "张伟" not in text
    assert client_for(team.handler).get(reverse("reporting_export", args=["all"])).status_code == 302  # refused
