"""The case page and attachment downloads, per role."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases import deadlines, services
from cases.models import Attachment, Kind, MatterType, State
from tests.factories.cases import CaseFactory, advance, at, case_in_state
from tests.factories.files import PDF_BYTES

pytestmark = pytest.mark.django_db

PDF = PDF_BYTES


def case_url(case):
    return reverse("cases_case", args=[case.pk])


def action_links(response):
    return [action["name"] for action in response.context["actions"]]


def test_the_case_page_shows_facts_deadlines_warnings_timeline_and_the_users_actions(team, client_for):
    case = CaseFactory(matter_type=MatterType.TENDER_DOCUMENTS, knew_on=None)
    response = client_for(team.intake).get(case_url(case))
    assert response.status_code == 200
    page = response.content.decode()
    assert case.number in page and case.facts in page and case.filer_name in page
    assert response.context["warnings"]  # no prior objection recorded for a ★ matter
    assert response.context["deadlines"][0]["due"] == case.acceptance_due
    assert [e["event"].action for e in response.context["events"]] == ["submitted"]
    assert set(action_links(response)) >= {"accept", "reject", "request_supplement"}
    assert "assign" not in action_links(response)


def test_a_handler_sees_handler_actions_only(team, client_for):
    case = case_in_state(team, State.ASSIGNED)
    actions = action_links(client_for(team.handler).get(case_url(case)))
    assert "start_handling" in actions and "return_to_office" in actions
    assert "accept" not in actions and "approve_decision" not in actions and "issue_supervision_notice" not in actions


def test_another_departments_case_is_404(team, client_for):
    case = case_in_state(team, State.ASSIGNED)
    assert client_for(team.other_handler).get(case_url(case)).status_code == 404
    assert client_for(team.other_handler).get(
        reverse("cases_action", args=[case.pk, "start_handling"])).status_code == 404


def test_unassigned_cases_are_not_visible_to_departments(team, client_for):
    case = CaseFactory()
    assert client_for(team.handler).get(case_url(case)).status_code == 404


def test_a_confidential_filer_is_hidden_from_the_department(team, client_for):
    case = CaseFactory(kind=Kind.REPORT, filer_name="隐名者", is_confidential=True)
    advance(case, team, State.ASSIGNED)
    page = client_for(team.handler).get(case_url(case)).content.decode()
    assert "隐名者" not in page and case.filer_phone not in page


def _attach(case, team, purpose=Attachment.Purpose.EVIDENCE, name="evidence.pdf"):
    return services.add_attachment(case=case, file=SimpleUploadedFile(name, PDF), purpose=purpose,
                                   uploaded_by=team.intake)


def test_attachments_download_through_a_checked_view_only(team, client_for):
    case = case_in_state(team, State.ASSIGNED)
    attachment = _attach(case, team)
    url = reverse("cases_attachment", args=[case.pk, attachment.pk])
    page = client_for(team.handler).get(case_url(case)).content.decode()
    assert url in page and attachment.file.name not in page and "/media/" not in page
    response = client_for(team.handler).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert "attachment" in response["Content-Disposition"]
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert client_for(team.other_handler).get(url).status_code == 404
    other_case = CaseFactory()
    assert client_for(team.supervisor).get(
        reverse("cases_attachment", args=[other_case.pk, attachment.pk])).status_code == 404


def test_a_scan_of_a_confidential_filing_is_withheld_from_the_department(team, client_for):
    case = CaseFactory(kind=Kind.REPORT, is_confidential=True)
    advance(case, team, State.ASSIGNED)
    scan = _attach(case, team, purpose=Attachment.Purpose.SCAN, name="letter.pdf")
    url = reverse("cases_attachment", args=[case.pk, scan.pk])
    refused = client_for(team.handler).get(url)
    assert refused.status_code == 302 and refused["Location"] == reverse("wagtailadmin_home")  # Wagtail's 403
    assert not getattr(refused, "streaming_content", None)
    # The office's revealer may download it; the download is recorded as an identity reveal.
    response = client_for(team.supervisor).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert case.events.filter(action="identity_revealed", actor=team.supervisor).exists()
    assert url not in client_for(team.handler).get(case_url(case)).content.decode()


def test_overdue_deadline_is_shown_with_negative_working_days(team, client_for):
    with at(dt.date(2026, 1, 5)):
        case = CaseFactory()
    deadlines = client_for(team.intake).get(case_url(case)).context["deadlines"]
    assert deadlines[0]["workdays_left"] < 0


def test_a_decided_complaint_links_to_publishing_its_decision_once(team, client_for):
    from publicity.models import Disclosure

    case = case_in_state(team, State.DECIDED)
    office = client_for(team.intake)
    publish_url = next(link.url for link in office.get(case_url(case)).context["page_links"])
    assert publish_url == reverse("publicity_publish_decision", args=[case.pk])
    # Departments cannot publish, so they get no link.
    assert client_for(team.head).get(case_url(case)).context["page_links"] == []
    response = office.post(publish_url, {"publish_from": deadlines.today().isoformat(), "document_number": ""})
    assert response.status_code == 302
    assert Disclosure.objects.filter(kind=Disclosure.Kind.COMPLAINT_DECISION).count() == 1
    assert office.get(case_url(case)).context["page_links"] == []
