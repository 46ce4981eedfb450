import pytest
from django.urls import reverse

from cases import services
from cases.models import Case, Kind, State
from tests.cases.public.files import exe_as_pdf, pdf
from tests.factories.cases import CaseFactory, advance

pytestmark = pytest.mark.django_db


def track(client, number, code, **extra):
    return client.post(reverse("cases:track"), {"number": number, "access_code": code}, **extra)


@pytest.fixture
def report(team):
    return CaseFactory(kind=Kind.REPORT, is_anonymous=True, title="疑似围标串标", facts="多家投标人报价呈规律性差异。")


def test_right_pair_shows_the_public_timeline_without_internal_notes_or_staff_names(client, team, report):
    case = advance(report, team, State.INVESTIGATING)
    services.add_internal_note(case_id=case.pk, actor=team.handler, note="内部：约谈投标人张某的安排")
    response = track(client, case.number.lower(), " " + report._access_code.lower() + " ")
    assert response.status_code == 302 and response["Location"] == reverse("cases:case_detail", args=[case.number])
    page = client.get(response["Location"])
    body = page.content.decode()
    assert page.status_code == 200 and case.number in body
    assert "行政监督部门正在调查处理" in body  # current state in plain Chinese
    assert "内部：约谈投标人张某的安排" not in body
    for user in (team.handler, team.intake, team.head):
        assert user.staff_profile.full_name not in body and user.username not in body
    assert len(page.context["timeline"]) >= 3
    assert page.context["deadlines"], "a due date is shown"


def test_access_code_with_hyphens_works(client, report):
    code = report._access_code
    response = track(client, report.number, f"{code[:4]}-{code[4:8]}-{code[8:]}")
    assert response.status_code == 302


def test_wrong_pairs_get_one_generic_message(client, report):
    other = "0" * 12 if report._access_code != "0" * 12 else "1" * 12
    wrong_code = track(client, report.number, other)
    unknown_number = track(client, "JB2026999999", report._access_code)
    assert wrong_code.status_code == unknown_number.status_code == 200
    assert wrong_code.context["form"].non_field_errors() == unknown_number.context["form"].non_field_errors()
    assert "不匹配" in wrong_code.content.decode()
    # And it does not unlock the case page.
    assert client.get(reverse("cases:case_detail", args=[report.number])).status_code == 302


def test_wrong_codes_from_elsewhere_never_lock_the_filer_out(client, report):
    # Issue 9, item 4: many wrong codes for one number from many addresses used to lock it for everyone.
    for attempt in range(30):
        track(client, report.number, "X" * 12, REMOTE_ADDR=f"10.0.{attempt // 8}.{attempt + 1}")
    response = track(client, report.number, report._access_code, REMOTE_ADDR="10.0.9.1")
    assert response.status_code == 302


def test_lookups_of_one_number_are_limited_per_client(client, report):
    for _attempt in range(8):
        track(client, report.number, "X" * 12, REMOTE_ADDR="10.0.0.1")
    assert track(client, report.number, report._access_code, REMOTE_ADDR="10.0.0.1").status_code == 429
    assert track(client, report.number, report._access_code, REMOTE_ADDR="10.0.0.2").status_code == 302


def test_right_codes_are_not_counted(client, report):
    for _attempt in range(25):
        assert track(client, report.number, report._access_code, REMOTE_ADDR="10.0.0.3").status_code == 302


def test_lookups_are_rate_limited_per_ip(client, team):
    for attempt in range(20):
        track(client, f"JB2026{attempt:06d}", "X" * 12)
    assert track(client, "JB2026000999", "X" * 12).status_code == 429


def test_case_page_needs_proof(client, report):
    response = client.get(reverse("cases:case_detail", args=[report.number]))
    assert response.status_code == 302 and response["Location"] == reverse("cases:track")


def test_anonymous_reporter_supplements_through_tracking(client, team, report):
    advance(report, team, State.NEEDS_SUPPLEMENT)
    track(client, report.number, report._access_code)
    page = client.get(reverse("cases:case_detail", args=[report.number]))
    assert "请补充投诉人签字盖章的投诉书" in page.content.decode()
    url = reverse("cases:case_supplement", args=[report.number])
    bad = client.post(url, {"text": "补充材料见附件", "version": Case.objects.get(pk=report.pk).version,
                            "attachments": [exe_as_pdf("补充.pdf")]})
    assert bad.status_code == 200 and any("补充.pdf" in e for e in bad.context["forms"]["supplement"].errors["attachments"])
    assert Case.objects.get(pk=report.pk).state == State.NEEDS_SUPPLEMENT
    response = client.post(url, {"text": "补充材料见附件", "version": Case.objects.get(pk=report.pk).version,
                                 "attachments": [pdf("补充证据.pdf")]})
    assert response.status_code == 302
    case = Case.objects.get(pk=report.pk)
    assert case.state == State.SUBMITTED and case.attachments.filter(original_name="补充证据.pdf").exists()


def test_anonymous_reporter_rates_through_tracking(client, team, report):
    advance(report, team, State.REPLIED)
    track(client, report.number, report._access_code)
    body = client.get(reverse("cases:case_detail", args=[report.number])).content.decode()
    assert "经调查，投诉事项不成立" in body  # feedback text
    response = client.post(reverse("cases:case_rate", args=[report.number]), {"satisfied": "yes", "comment": ""})
    assert response.status_code == 302
    assert Case.objects.get(pk=report.pk).state == State.CLOSED


def test_stale_version_is_explained(client, team, report):
    advance(report, team, State.REPLIED)
    track(client, report.number, report._access_code)
    response = client.post(reverse("cases:case_rate", args=[report.number]),
                           {"satisfied": "yes", "version": "0"}, follow=True)
    assert Case.objects.get(pk=report.pk).state == State.REPLIED
    assert any("刷新" in str(m) or "重新" in str(m) for m in response.context["messages"])
