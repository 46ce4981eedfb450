"""Staff entry of paper, phone and referral filings and the one-time receipt."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from cases import selectors
from cases.models import Attachment, Case, Channel, Kind, MatterType
from tests.factories.cases import VALID_ID_NUMBER
from tests.factories.directory import TradingProjectFactory
from tests.factories.files import PDF_BYTES

pytestmark = pytest.mark.django_db

PDF = PDF_BYTES


def complaint_form(the_project, **overrides):
    data = {
        "kind": Kind.COMPLAINT, "channel": Channel.PAPER, "received_at": "2026-03-02T09:30",
        "source_reference": "挂号信 XA123", "filer_type": "person", "filer_name": "王芳",
        "filer_id_number": VALID_ID_NUMBER, "filer_phone": "13811112222", "project": the_project.code,
        "matter_type": MatterType.AWARD_RESULT, "title": "对中标结果的投诉", "facts": "中标人业绩造假。",
        "knew_on": "2026-02-27",
    }
    data.update(overrides)
    return data


def test_office_enters_a_paper_complaint_with_scans_and_gets_a_one_time_receipt(team, client_for):
    project = TradingProjectFactory()
    client = client_for(team.intake)
    assert client.get(reverse("cases_intake")).status_code == 200
    data = complaint_form(project, attachments=[SimpleUploadedFile("letter.pdf", PDF),
                                                SimpleUploadedFile("evidence.pdf", PDF)])
    response = client.post(reverse("cases_intake"), data)
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("cases_receipt", args=[case.pk])
    assert case.channel == Channel.PAPER and case.project == project and case.source_reference == "挂号信 XA123"
    assert timezone.localdate(case.received_at).isoformat() == "2026-03-02"
    assert list(case.attachments.values_list("purpose", flat=True)) == [Attachment.Purpose.SCAN] * 2
    assert case.events.get(action="submitted").actor == team.intake

    receipt = client.get(response["Location"])
    code = receipt.context["access_code"]
    assert receipt.status_code == 200 and case.number in receipt.content.decode()
    assert len(code) == 14 and code.count("-") == 2 and code in receipt.content.decode()
    assert selectors.find_case_by_access_code(case.number, code) == case
    again = client.get(response["Location"])
    assert again.status_code == 302 and again["Location"] == reverse("cases_case", args=[case.pk])


def test_bad_intake_input_shows_errors_and_keeps_what_was_typed(team, client_for):
    project = TradingProjectFactory()
    client = client_for(team.intake)
    response = client.post(reverse("cases_intake"), complaint_form(
        project, filer_id_number="123", project="NO-SUCH-CODE", facts="很长的事实陈述……"))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "project" in errors
    assert "很长的事实陈述……" in response.content.decode()
    # The date picker shows the typed date again.
    assert 'name="knew_on" value="2026-02-27"' in response.content.decode()
    response = client.post(reverse("cases_intake"), complaint_form(project, filer_id_number="123"))
    assert response.status_code == 200 and "filer_id_number" in response.context["form"].errors
    assert not Case.objects.exists()


def test_a_refused_scan_registers_nothing(team, client_for):
    response = client_for(team.intake).post(reverse("cases_intake"), complaint_form(
        TradingProjectFactory(), attachments=[SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf at all")]))
    assert response.status_code == 200
    assert "virus.pdf" in " ".join(str(e) for e in response.context["form"].errors.get("attachments", []))
    assert not Case.objects.exists()


def test_an_anonymous_phone_report(team, client_for):
    response = client_for(team.intake).post(reverse("cases_intake"), {
        "kind": Kind.REPORT, "channel": Channel.PHONE, "received_at": "2026-03-02T09:30", "filer_type": "person",
        "is_anonymous": "on", "title": "举报围标串标", "facts": "多家投标人报价呈等差数列。",
    })
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.is_anonymous and case.channel == Channel.PHONE and case.number.startswith("JB")


def test_only_staff_with_the_entry_permission_may_enter_cases(team, client_for):
    for user in (team.handler, team.head, team.auditor):
        response = client_for(user).get(reverse("cases_intake"))
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    response = client_for(team.handler).post(reverse("cases_intake"), {"kind": Kind.REPORT, "title": "x"})
    assert response.status_code == 302 and not Case.objects.exists()
