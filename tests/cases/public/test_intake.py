import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Attachment, Case, Channel, Kind, MatterType
from tests.cases.public.conftest import CAPTCHA
from tests.cases.public.files import exe_as_pdf, oversized_pdf, pdf, png
from tests.factories.cases import VALID_ID_NUMBER
from tests.factories.directory import MarketEntityFactory, TradingProjectFactory, make_credit_code

pytestmark = pytest.mark.django_db


def complaint_data(project, **overrides):
    today = timezone.localdate()
    data = {
        "filer_type": "person", "filer_name": "张伟", "filer_id_number": VALID_ID_NUMBER,
        "filer_phone": "13800138000", "filer_email": "zw@example.cn", "filer_address": "西湖区文三路1号",
        "project_query": project.code, "project_id": "", "respondent_name": "某招标代理有限公司",
        "respondent_credit_code": "", "matter_type": MatterType.EVALUATION_RESULT,
        "knew_on": (today - dt.timedelta(days=2)).isoformat(),
        "objection_raised_on": (today - dt.timedelta(days=1)).isoformat(), "objection_replied_on": "",
        "objection_reply": "", "title": "评标结果不公", "facts": "评标委员会未按招标文件规定的评分标准打分。",
        "requests": "请求责令重新评标。",
    }
    data.update(overrides)
    return data


def test_complaint_needs_a_logged_in_account(client):
    response = client.get(reverse("cases:complaint_new"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_complaint_form_shows_the_law_and_star_marks(complainant_client):
    body = complainant_client.get(reverse("cases:complaint_new")).content.decode()
    assert "第六十条" in body and "第六十一条" in body
    assert "10日内" in body
    assert f"{MatterType.BID_OPENING.label} ★" in body  # bid opening needs a prior objection
    assert f"{MatterType.EXPERT_CONDUCT.label} ★" not in body
    assert 'value="张伟"' in body  # prefilled from the account


def test_complaint_is_filed_with_evidence_and_receipt_is_shown_once(complainant_client, complainant):
    project = TradingProjectFactory()
    data = complaint_data(project, attachments=[pdf(), png()])
    response = complainant_client.post(reverse("cases:complaint_new"), data)
    assert response.status_code == 302 and response["Location"] == reverse("cases:receipt")
    case = Case.objects.get()
    assert case.kind == Kind.COMPLAINT and case.channel == Channel.ONLINE
    assert case.filer_user == complainant and case.project == project and case.number.startswith("TS")
    assert sorted(a.original_name for a in case.attachments.all()) == ["evidence.pdf", "photo.png"]
    assert all(len(a.sha256) == 64 for a in case.attachments.all())

    receipt = complainant_client.get(reverse("cases:receipt"))
    body = receipt.content.decode()
    assert receipt.status_code == 200 and case.number in body
    assert "no-store" in receipt["Cache-Control"] or "no-cache" in receipt["Cache-Control"]
    code = receipt.context["access_code"]
    assert len(code.replace("-", "")) == 12 and code in body
    # Shown once: a reload does not show the code again.
    again = complainant_client.get(reverse("cases:receipt"))
    assert again.status_code == 302 and code not in again.content.decode()


def test_organisation_needs_a_valid_credit_code_and_keeps_the_rest(complainant_client):
    project = TradingProjectFactory()
    bad_code = make_credit_code(7)[:-1] + ("0" if make_credit_code(7)[-1] != "0" else "1")
    data = complaint_data(project, filer_type="organisation", filer_name="浙江宏达建设有限公司",
                          filer_id_number="", filer_credit_code=bad_code, filer_legal_representative="")
    response = complainant_client.post(reverse("cases:complaint_new"), data)
    assert response.status_code == 200 and not Case.objects.exists()
    form = response.context["form"]
    assert "filer_credit_code" in form.errors and "filer_legal_representative" in form.errors
    body = response.content.decode()
    assert 'value="浙江宏达建设有限公司"' in body and "评标委员会未按招标文件规定的评分标准打分。" in body
    assert 'href="#id_filer_credit_code"' in body  # error summary links to the field
    assert 'aria-invalid="true"' in body


def test_organisation_with_valid_code_is_accepted(complainant_client):
    project = TradingProjectFactory()
    respondent = MarketEntityFactory()
    data = complaint_data(project, filer_type="organisation", filer_name="浙江宏达建设有限公司", filer_id_number="",
                          filer_credit_code=make_credit_code(8).lower(), filer_legal_representative="王强",
                          respondent_credit_code=respondent.code)
    assert complainant_client.post(reverse("cases:complaint_new"), data).status_code == 302
    case = Case.objects.get()
    assert case.filer_credit_code == make_credit_code(8) and case.respondent == respondent


def test_missing_fields_are_listed_in_an_error_summary(complainant_client):
    response = complainant_client.post(reverse("cases:complaint_new"), {"filer_type": "person"})
    assert response.status_code == 200 and not Case.objects.exists()
    body = response.content.decode()
    assert 'id="error-summary"' in body and 'role="alert"' in body
    for field in ("filer_name", "filer_phone", "filer_address", "matter_type", "knew_on", "title", "facts",
                  "requests", "project_query", "filer_id_number"):
        assert f'href="#id_{field}"' in body, field


def test_person_needs_a_valid_identity_number(complainant_client):
    project = TradingProjectFactory()
    response = complainant_client.post(reverse("cases:complaint_new"),
                                       complaint_data(project, filer_id_number="110105194912310021"))
    assert "filer_id_number" in response.context["form"].errors and not Case.objects.exists()


def test_executable_disguised_as_pdf_is_refused_by_name(complainant_client):
    project = TradingProjectFactory()
    data = complaint_data(project, attachments=[pdf(), exe_as_pdf("合同.pdf")])
    response = complainant_client.post(reverse("cases:complaint_new"), data)
    assert response.status_code == 200
    assert not Case.objects.exists() and not Attachment.objects.exists()
    errors = response.context["form"].errors["attachments"]
    assert any("合同.pdf" in error for error in errors)
    body = response.content.decode()
    assert "评标结果不公" in body  # the rest of the form is kept


def test_oversized_file_is_refused(complainant_client):
    project = TradingProjectFactory()
    response = complainant_client.post(reverse("cases:complaint_new"),
                                       complaint_data(project, attachments=[oversized_pdf()]))
    assert not Case.objects.exists()
    assert any("big.pdf" in e and "20 MB" in e for e in response.context["form"].errors["attachments"])


def test_script_tags_are_rendered_escaped(complainant_client):
    project = TradingProjectFactory()
    data = complaint_data(project, title="<script>alert('x')</script>", facts="<img src=x onerror=alert(1)>")
    complainant_client.post(reverse("cases:complaint_new"), data)
    body = complainant_client.get(reverse("cases:receipt")).content.decode()
    assert "<script>alert(" not in body and "&lt;script&gt;alert(" in body
    case = Case.objects.get()
    detail = complainant_client.get(reverse("cases:case_detail", args=[case.number])).content.decode()
    assert "<script>alert(" not in detail and "&lt;script&gt;" in detail


def test_late_complaint_without_objection_is_filed_with_warnings(complainant_client):
    project = TradingProjectFactory()
    today = timezone.localdate()
    data = complaint_data(project, matter_type=MatterType.BID_OPENING, objection_raised_on="",
                          knew_on=(today - dt.timedelta(days=30)).isoformat())
    assert complainant_client.post(reverse("cases:complaint_new"), data).status_code == 302
    response = complainant_client.get(reverse("cases:receipt"))
    warnings = response.context["warnings"]
    assert len(warnings) >= 2
    body = response.content.decode()
    assert all(str(w) in body for w in warnings)


def test_project_text_is_kept_when_not_in_directory(complainant_client):
    data = complaint_data(TradingProjectFactory(), project_query="某镇卫生院改造工程（未入库）")
    assert complainant_client.post(reverse("cases:complaint_new"), data).status_code == 302
    case = Case.objects.get()
    assert case.project is None and case.project_text == "某镇卫生院改造工程（未入库）"


def test_future_dates_and_reversed_objection_are_refused(complainant_client):
    project = TradingProjectFactory()
    today = timezone.localdate()
    data = complaint_data(project, knew_on=(today + dt.timedelta(days=3)).isoformat(),
                          objection_raised_on=(today - dt.timedelta(days=1)).isoformat(),
                          objection_replied_on=(today - dt.timedelta(days=4)).isoformat())
    errors = complainant_client.post(reverse("cases:complaint_new"), data).context["form"].errors
    assert "knew_on" in errors and "objection_replied_on" in errors


# --- Reports and suggestions -------------------------------------------------------------------

def report_data(**overrides):
    data = {"identity": "anonymous", "filer_name": "", "filer_phone": "", "filer_email": "", "filer_address": "",
            "project_query": "", "project_id": "", "respondent_name": "某建设公司", "title": "疑似围标",
            "facts": "多家投标人的投标文件由同一人制作，报价呈规律性差异。", **CAPTCHA}
    data.update(overrides)
    return data


def test_anonymous_report_with_attachment(client):
    response = client.post(reverse("cases:report_new"), report_data(attachments=[pdf()]))
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.kind == Kind.REPORT and case.is_anonymous and case.filer_name == "" and case.filer_user is None
    assert case.attachments.count() == 1
    assert case.number in client.get(reverse("cases:receipt")).content.decode()


def test_anonymous_report_discards_typed_identity_and_is_not_linked_to_the_account(complainant_client):
    data = report_data(filer_name="李四", filer_phone="13900000000")
    del data["captcha_0"], data["captcha_1"]  # logged in: no CAPTCHA
    assert complainant_client.post(reverse("cases:report_new"), data).status_code == 302
    case = Case.objects.get()
    assert case.is_anonymous and case.filer_name == "" and case.filer_phone == "" and case.filer_user is None


def test_report_needs_the_captcha_when_not_logged_in(client):
    data = report_data(captcha_1="WRONG")
    response = client.post(reverse("cases:report_new"), data)
    assert response.status_code == 200 and not Case.objects.exists()
    assert "captcha" in response.context["form"].errors


def test_real_captcha_round_trip(client, monkeypatch):
    from captcha.conf import settings as captcha_settings
    from captcha.models import CaptchaStore

    monkeypatch.setattr(captcha_settings, "CAPTCHA_TEST_MODE", False)
    page = client.get(reverse("cases:report_new")).content.decode()
    store = CaptchaStore.objects.latest("expiration")
    assert store.hashkey in page
    data = report_data(captcha_0=store.hashkey, captcha_1=store.response)
    assert client.post(reverse("cases:report_new"), data).status_code == 302


def test_confidential_report_needs_name_and_contact(client):
    response = client.post(reverse("cases:report_new"), report_data(identity="confidential"))
    errors = response.context["form"].errors
    assert "filer_name" in errors and "filer_phone" in errors
    response = client.post(reverse("cases:report_new"),
                           report_data(identity="confidential", filer_name="李四", filer_phone="13900000000"))
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.is_confidential and not case.is_anonymous and case.filer_name == "李四"


def test_suggestion(client):
    data = {"filer_name": "王五", "filer_phone": "", "filer_email": "ww@example.cn", "title": "建议公开评标专家名单",
            "facts": "建议在中标公示时同步公开评标委员会成员名单。", **CAPTCHA}
    assert client.post(reverse("cases:suggestion_new"), data).status_code == 302
    case = Case.objects.get()
    assert case.kind == Kind.SUGGESTION and case.number.startswith("JY")


def test_suggestion_needs_a_way_to_answer(client):
    data = {"filer_name": "王五", "title": "建议", "facts": "内容", **CAPTCHA}
    response = client.post(reverse("cases:suggestion_new"), data)
    assert "filer_phone" in response.context["form"].errors and not Case.objects.exists()


def test_intake_is_rate_limited_per_ip(client):
    for _ in range(10):
        assert client.post(reverse("cases:report_new"), report_data()).status_code == 302
    response = client.post(reverse("cases:report_new"), report_data())
    assert response.status_code == 429
    assert "尝试次数过多" in response.content.decode()
    assert Case.objects.count() == 10
    # Another address is not affected.
    assert client.post(reverse("cases:report_new"), report_data(), REMOTE_ADDR="10.0.0.9").status_code == 302


# --- Project lookup ----------------------------------------------------------------------------

def test_project_lookup_by_code_and_name(client):
    project = TradingProjectFactory(code="ZJ-2026-0042", name="西湖区学校教学楼建设项目")
    TradingProjectFactory(name="其他道路工程")
    by_code = client.get(reverse("cases:project_lookup"), {"q": "ZJ-2026-0042"}).json()["results"]
    assert by_code[0]["id"] == project.pk and by_code[0]["name"] == project.name
    by_name = client.get(reverse("cases:project_lookup"), {"q": "教学楼"}).json()["results"]
    assert [item["id"] for item in by_name] == [project.pk]
    assert client.get(reverse("cases:project_lookup"), {"q": "教"}).json()["results"] == []


def test_chosen_project_id_is_used(complainant_client):
    project = TradingProjectFactory()
    data = complaint_data(project, project_query=f"{project.code} {project.name}", project_id=str(project.pk))
    assert complainant_client.post(reverse("cases:complaint_new"), data).status_code == 302
    assert Case.objects.get().project == project
