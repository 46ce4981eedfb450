"""Bulk import of historical cases: original numbers and states, an import event, numbering kept
ahead, and nothing imported when any row is wrong (errors in Chinese)."""

import io

import pytest
import tablib
from django.urls import reverse
from django.utils import translation

from cases import services
from cases.models import Case, CaseEvent, State
from cases.resources import HistoricalCaseResource
from tests.factories.cases import VALID_ID_NUMBER
from tests.factories.directory import DepartmentFactory, TradingProjectFactory, UserFactory

pytestmark = pytest.mark.django_db

HEADERS = ["number", "kind", "channel", "state", "received_at", "filer_name", "filer_phone", "project", "title",
           "facts", "department", "accepted_at", "decided_at", "closed_at", "outcome", "decision_text", "measures",
           "rejection_reason", "rejection_text"]


def row(**values):
    base = {
        "number": "TS2024000120", "kind": "complaint", "channel": "paper", "state": "closed",
        "received_at": "2024-05-06 09:00:00", "filer_name": "赵六", "filer_phone": "13900001111", "project": "",
        "title": "对评标结果的投诉", "facts": "评分有误", "department": "ZJ", "accepted_at": "2024-05-08 10:00:00",
        "decided_at": "2024-06-10 10:00:00", "closed_at": "2024-06-30 10:00:00", "outcome": "unsubstantiated",
        "decision_text": "投诉不成立", "measures": "", "rejection_reason": "", "rejection_text": "",
    }
    base.update(values)
    return [base[h] for h in HEADERS]


def errors_of(result):
    messages = []
    for invalid in result.invalid_rows:
        for field_messages in invalid.error_dict.values():
            messages.extend(field_messages)
    for _line, errors in result.row_errors():
        messages.extend(str(e.error) for e in errors)
    return messages


def test_historical_cases_keep_numbers_and_states_and_get_an_import_event(roles):
    DepartmentFactory(code="ZJ")
    project = TradingProjectFactory(code="P-2024-7")
    user = UserFactory(is_superuser=True, is_staff=True)
    data = tablib.Dataset(
        row(project=project.code, measures="order_to_correct,警告", outcome="部分属实"),
        row(number="JB2024000007", kind="举报", state="rejected", channel="phone", decided_at="", closed_at="",
            accepted_at="", outcome="", decision_text="", rejection_reason="not_specific", rejection_text="无线索"),
        headers=HEADERS,
    )
    result = HistoricalCaseResource().import_data(data, user=user)
    assert not result.has_errors() and not result.has_validation_errors(), errors_of(result)
    closed = Case.objects.get(number="TS2024000120")
    assert closed.state == State.CLOSED and closed.project == project and closed.department.code == "ZJ"
    assert closed.outcome == "partly_substantiated" and closed.measures == ["order_to_correct", "warning"]
    assert Case.objects.get(number="JB2024000007").state == State.REJECTED
    event = CaseEvent.objects.get(case=closed)
    assert event.action == "imported" and event.actor == user and event.to_state == State.CLOSED
    assert closed.access_code_hash.startswith("!")


def test_new_filings_never_reuse_an_imported_number(roles):
    DepartmentFactory(code="ZJ")
    HistoricalCaseResource().import_data(tablib.Dataset(row(number="TS2026000041", received_at="2026-01-05 09:00:00",
                                                            accepted_at="", decided_at="2026-01-06 09:00:00",
                                                            closed_at="2026-01-07 09:00:00"), headers=HEADERS))
    filed = services.submit_case(
        kind="complaint", channel="online", filer_name="张伟", filer_id_number=VALID_ID_NUMBER,
        filer_phone="13800001111", project_text="某工程", matter_type="other", title="投诉", facts="事实",
    ).case
    assert filed.number == "TS2026000042"


def test_any_bad_row_imports_nothing_and_every_error_is_listed_in_chinese(roles):
    DepartmentFactory(code="ZJ")
    data = tablib.Dataset(
        row(),
        row(number="XX2024000001"),
        row(number="TS2024000122", state="lost"),
        row(number="TS2024000123", department="NOPE"),
        row(number="TS2024000124", state="decided", outcome=""),
        row(number="TS2024000125", closed_at="2024-05-01 00:00:00"),
        headers=HEADERS,
    )
    with translation.override("zh-hans"):
        result = HistoricalCaseResource().import_data(data, raise_errors=False)
        messages = "\n".join(errors_of(result))
    assert not Case.objects.exists() and not CaseEvent.objects.exists()
    assert len(result.invalid_rows) + len(result.row_errors()) == 5
    assert "NOPE" in messages and "不存在" in messages
    assert "lost" in messages


def test_an_existing_case_is_never_changed_by_an_import(roles):
    DepartmentFactory(code="ZJ")
    HistoricalCaseResource().import_data(tablib.Dataset(row(), headers=HEADERS))
    result = HistoricalCaseResource().import_data(tablib.Dataset(row(title="改过的标题"), headers=HEADERS))
    assert result.has_errors()
    assert Case.objects.get().title == "对评标结果的投诉"


def test_import_through_the_django_admin(roles, client):
    DepartmentFactory(code="ZJ")
    admin_user = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin_user)
    assert client.get(reverse("admin:cases_case_changelist")).status_code == 200
    csv = tablib.Dataset(row(), headers=HEADERS).export("csv").encode()
    upload = io.BytesIO(csv)
    upload.name = "cases.csv"
    response = client.post(reverse("admin:cases_case_import"), {
        "import_file": upload, "format": "0", "resource": "0",
    })
    assert response.status_code == 200
    assert "TS2024000120" in response.content.decode()
    confirm = response.context["confirm_form"]
    response = client.post(reverse("admin:cases_case_process_import"), confirm.initial)
    assert response.status_code == 302
    assert Case.objects.get().events.get().actor == admin_user
