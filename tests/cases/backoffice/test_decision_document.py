"""The decision document of a complaint (投诉处理决定书): drafted where the decision is proposed,
numbered on approval, printable and a PDF, served on both parties, published without phones."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from api.models import Scope
from cases import selectors, services
from cases.models import Case, DecisionService, Kind, Measure, Outcome, State
from cases.services.decision import NUMBER_FORMAT
from portal.errors import PermissionRefused
from publicity.services.complaints import publish_complaint_decision
from tests.factories.api import bearer, make_client
from tests.factories.cases import CaseFactory, advance, case_in_state

pytestmark = pytest.mark.django_db

FACTS = "经调取评标录像及评分表，评标委员会按招标文件第三章评分。投诉人联系电话13800001111，另留手机138****2222。"


def fresh(case):
    return Case.objects.get(pk=case.pk)


def decided_complaint(team, client_for, *, outcome=Outcome.UNSUBSTANTIATED, measures=(), **case_kwargs):
    """Proposed through the back-office form, approved by the head."""
    case = case_in_state(team, State.INVESTIGATING, **case_kwargs)
    response = client_for(team.handler).post(
        reverse("cases_action", args=[case.pk, "propose_decision"]),
        {
            "version": fresh(case).version,
            "outcome": outcome,
            "measures": list(measures),
            "decision_text": "评标委员会评分符合招标文件规定，投诉人所称得分偏低的理由不能成立。",
            "facts_found": FACTS,
            "legal_basis": "《中华人民共和国招标投标法实施条例》第六十一条",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    return services.approve_decision(case_id=case.pk, actor=team.head, note="同意")


def this_year():
    from cases import deadlines

    return deadlines.today().year


def test_approval_numbers_the_document_per_department_and_year(team, client_for):
    first = decided_complaint(team, client_for)
    second = decided_complaint(team, client_for)
    numbers = [selectors.issued_document(case).number for case in (first, second)]
    assert numbers == [NUMBER_FORMAT.format(abbreviation="住建局", year=this_year(), sequence=n) for n in (1, 2)]
    assert numbers[0] == f"住建局投诉决〔{this_year()}〕1号"


def test_printable_page_and_pdf_carry_the_number_and_the_law(team, client_for):
    case = decided_complaint(team, client_for)
    number = selectors.issued_document(case).number
    client = client_for(team.handler)
    page = client.get(reverse("cases_decision", args=[case.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    for expected in (
        number,
        "投诉处理决定书",
        "投诉人：张伟",
        "经查明：",
        "投诉不成立",
        "60日",
        "6个月",
        "《中华人民共和国招标投标法实施条例》第六十一条",
    ):
        assert expected in html, expected
    pdf = client.get(reverse("cases_decision_pdf", args=[case.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    body = b"".join(pdf.streaming_content) if pdf.streaming else pdf.content
    assert body.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
    assert number in text.replace(" ", "")
    # The case page links to both.
    detail = client.get(reverse("cases_case", args=[case.pk])).content.decode()
    assert reverse("cases_decision_pdf", args=[case.pk]) in detail and number in detail


def test_a_server_without_pango_sends_staff_to_the_printable_page(team, client_for, monkeypatch):
    from cases import decision_document

    def no_pango(*args, **kwargs):
        raise decision_document.PdfUnavailable("cannot load library 'libpango-1.0-0'")

    case = decided_complaint(team, client_for)
    monkeypatch.setattr(decision_document, "render_pdf", no_pango)
    client = client_for(team.handler)
    response = client.get(reverse("cases_decision_pdf", args=[case.pk]), follow=True)
    assert response.status_code == 200
    assert "本服务器无法生成 PDF" in response.content.decode()


def test_draft_under_review_is_marked_and_unnumbered(team, client_for):
    case = case_in_state(team, State.UNDER_REVIEW)
    html = client_for(team.head).get(reverse("cases_decision", args=[case.pk])).content.decode()
    assert "草稿" in html and "投诉决〔" not in html


def test_another_department_cannot_read_the_document(team, client_for):
    case = decided_complaint(team, client_for)
    for name in ("cases_decision", "cases_decision_pdf"):
        assert client_for(team.other_handler).get(reverse(name, args=[case.pk])).status_code == 404


@pytest.mark.parametrize(
    ("outcome", "measures", "complaint_words", "report_words"),
    [
        (Outcome.SUBSTANTIATED, [Measure.ORDER_TO_CORRECT], "投诉成立", "属实"),
        (Outcome.PARTLY_SUBSTANTIATED, [Measure.WARNING], "投诉部分成立", "部分属实"),
        (Outcome.UNSUBSTANTIATED, [], "投诉不成立", "不属实"),
        (Outcome.DISMISSED, [], "驳回投诉", "驳回"),
    ],
)
def test_outcome_is_worded_as_the_law_words_it_per_kind(
    team, client_for, outcome, measures, complaint_words, report_words
):
    complaint = decided_complaint(team, client_for, outcome=outcome, measures=measures)
    assert fresh(complaint).outcome_label == complaint_words
    html = client_for(team.handler).get(reverse("cases_decision", args=[complaint.pk])).content.decode()
    assert f"决定如下：{complaint_words}" in html
    report = case_in_state(team, State.INVESTIGATING, kind=Kind.REPORT)
    services.propose_decision(
        case_id=report.pk, actor=team.handler, outcome=outcome, measures=measures, decision_text="经查。"
    )
    report = services.approve_decision(case_id=report.pk, actor=team.head)
    assert report.outcome_label == report_words
    assert selectors.current_document(report) is None  # reports get no complaint decision document


def test_service_on_both_parties_is_recorded(team, client_for):
    case = decided_complaint(team, client_for)
    client = client_for(team.handler)
    url = reverse("cases_action", args=[case.pk, "record_decision_service"])
    today = timezone.localdate(fresh(case).decided_at)
    response = client.post(
        url,
        {
            "version": 0,
            "party": "complainant",
            "method": "direct",
            "served_on": today.isoformat(),
            "note": "投诉人当面签收",
        },
    )
    assert response.status_code == 302
    again = client.post(url, {"version": 0, "party": "complainant", "method": "mail", "served_on": today.isoformat()})
    assert again.status_code == 200 and "已记录" in again.content.decode()
    future = client.post(
        url,
        {
            "version": 0,
            "party": "respondent",
            "method": "mail",
            "served_on": (today + dt.timedelta(days=3)).isoformat(),
        },
    )
    assert future.status_code == 200 and "不能是将来" in future.content.decode()
    services.record_decision_service(
        case_id=case.pk,
        actor=team.handler,
        party="respondent",
        method=DecisionService.Method.MAIL,
        served_on=today,
        note="EMS 1180000000001",
    )
    services_recorded = {s.party: s for s in selectors.issued_document(case).services.all()}
    assert services_recorded["complainant"].method == "direct" and services_recorded["respondent"].method == "mail"
    events = fresh(case).events.filter(action="decision_served")
    assert events.count() == 2 and all(e.actor == team.handler for e in events)
    public = [item["text"] for item in selectors.public_timeline(case) if item["action"] == "decision_served"]
    assert len(public) == 1 and "送达" in public[0]  # the respondent's service is not on the filer's timeline
    assert "record_decision_service" not in selectors.available_actions(team.handler, fresh(case))


def test_service_is_refused_before_approval_and_to_other_departments(team, client_for):
    under_review = case_in_state(team, State.UNDER_REVIEW)
    with pytest.raises(ValidationError):
        services.record_decision_service(
            case_id=under_review.pk, actor=team.handler, party="complainant", method="direct", served_on=timezone.localdate()
        )
    decided = decided_complaint(team, client_for)
    with pytest.raises(PermissionRefused):
        services.record_decision_service(
            case_id=decided.pk,
            actor=team.other_handler,
            party="complainant",
            method="direct",
            served_on=timezone.localdate(fresh(decided).decided_at),
        )


def test_published_decision_is_the_redacted_document_without_phones(team, client_for):
    case = decided_complaint(team, client_for)
    number = selectors.issued_document(case).number
    disclosure = publish_complaint_decision(case=fresh(case), actor=team.supervisor)
    assert disclosure.document_number == number
    text = disclosure.title + disclosure.body
    assert "投诉不成立" in disclosure.body and "经查明" in disclosure.body and "60日" in disclosure.body
    assert "张伟" not in text and "张某" in text
    for phone in ("13800001111", "1380000", "138****2222", "2222", "****"):
        assert phone not in text, phone


def test_the_api_proposes_with_the_same_document_fields(api, team):
    _client, token = make_client(
        department=team.department, acts_as=team.handler, scopes=[Scope.READ_CASES, Scope.ACT_ON_CASES]
    )
    case = case_in_state(team, State.INVESTIGATING)
    response = api.post(
        f"/api/v1/cases/{case.number}/transitions/propose_decision/",
        {
            "outcome": Outcome.DISMISSED,
            "decision_text": "投诉缺乏事实根据。",
            "facts_found": "投诉人未提供证据。",
        },
        format="json",
        **bearer(token),
    )
    assert response.status_code == 200, response.content
    document = selectors.current_document(case)
    assert document.facts_found == "投诉人未提供证据。" and "第六十一条" in document.legal_basis  # statutory default


@pytest.fixture
def api():
    from rest_framework.test import APIClient

    return APIClient()


def test_complaints_decided_before_documents_still_advance(team):
    """The factories' path (no document fields) still issues a numbered document."""
    case = advance(CaseFactory(), team, State.DECIDED)
    assert selectors.issued_document(case).number.endswith("号")


def test_the_api_records_service_like_the_form(api, team, client_for):
    case = decided_complaint(team, client_for)
    _client, token = make_client(
        department=team.department, acts_as=team.handler, scopes=[Scope.READ_CASES, Scope.ACT_ON_CASES]
    )
    url = f"/api/v1/cases/{case.number}/transitions/record_decision_service/"
    served_on = timezone.localdate(fresh(case).decided_at).isoformat()
    missing = api.post(url, {"party": "respondent"}, format="json", **bearer(token))
    assert missing.status_code == 400 and {"method", "served_on"} <= set(missing.json()["errors"])
    response = api.post(
        url, {"party": "respondent", "method": "electronic", "served_on": served_on}, format="json", **bearer(token)
    )
    assert response.status_code == 200, response.content
    assert selectors.unserved_parties(case) == ["complainant"]
