"""Back office: the disclosure list and page, manual publishing, withdrawal, credit repair, and
publishing a decided complaint's decision in one action."""

import datetime as dt

import pytest
from django.utils import timezone

from cases.models import Kind, State
from directory.roles import EDITOR, OFFICE_SUPERVISOR
from publicity.models import Disclosure
from publicity.services import withdraw_disclosure
from tests.factories.cases import case_in_state, make_team
from tests.factories.directory import MarketEntityFactory, UserFactory
from tests.factories.publicity import DisclosureFactory

pytestmark = pytest.mark.django_db
today = timezone.localdate


def assert_refused(response):
    # Wagtail answers a refused back-office request with a redirect to the dashboard.
    assert response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


@pytest.fixture
def supervisor(roles):
    return UserFactory(roles=[OFFICE_SUPERVISOR])


def test_back_office_lists_every_state_and_shows_the_history(client, supervisor):
    public = DisclosureFactory(title="公开中的处理决定")
    withdrawn = DisclosureFactory(title="已撤回的处理决定")
    withdraw_disclosure(disclosure_id=withdrawn.pk, actor=supervisor, reason="原决定已被行政复议撤销")
    DisclosureFactory(kind=Disclosure.Kind.RED_LIST, title="已过期的红名单",
                      publish_from=today() - dt.timedelta(days=400), publish_until=today() - dt.timedelta(days=5))
    client.force_login(supervisor)
    html = client.get("/admin/publicity/disclosure/").content.decode()
    assert "公开中的处理决定" in html and "已撤回的处理决定" in html and "已过期的红名单" in html
    html = client.get(f"/admin/publicity/disclosure/inspect/{withdrawn.pk}/").content.decode()
    assert "原决定已被行政复议撤销" in html and "不在公开网站上显示" in html
    html = client.get(f"/admin/publicity/disclosure/inspect/{public.pk}/").content.decode()
    assert f"/publicity/{public.pk}/" in html and f"/admin/publicity/{public.pk}/withdraw/" in html


def test_generic_edit_and_delete_are_refused_even_for_a_superuser(client):
    disclosure = DisclosureFactory()
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert_refused(client.get(f"/admin/publicity/disclosure/edit/{disclosure.pk}/"))
    assert_refused(client.post(f"/admin/publicity/disclosure/delete/{disclosure.pk}/"))
    assert Disclosure.objects.filter(pk=disclosure.pk, title=disclosure.title).exists()


def test_publishing_by_hand_previews_first_then_redacts_and_refuses_bad_windows(client, supervisor):
    entity = MarketEntityFactory(name="浙江永安市政工程有限公司", legal_representative="孙丽")
    client.force_login(supervisor)
    data = {"kind": "penalty", "severity": "ordinary", "title": "浙江永安市政工程有限公司行政处罚决定书",
            "body": "当事人：浙江永安市政工程有限公司，法定代表人孙丽。项目经理周强（身份证330106198503071234）。"
                    "另查明其合同号1234567存在异常。",
            "personal_values": "周强", "entity": entity.code.lower(), "publish_from": "2026-01-15",
            "publish_until": "2026-02-15"}
    preview = client.post("/admin/publicity/publish/", data)
    page = preview.content.decode()
    assert preview.status_code == 200 and not Disclosure.objects.exists()
    shown = page.split("<form")[0]  # the form below still holds what was typed
    assert "项目经理周某（身份证***）" in shown and "330106" not in shown and "孙丽" not in shown
    assert 'data-suspicion="number">1234567</mark>' in page and "发布隐去处理后的文本" in page
    data["previewed"] = preview.context["form"]["previewed"].value()
    response = client.post("/admin/publicity/publish/", data)
    assert response.status_code == 200 and "至少 3 个月" in response.content.decode()
    assert not Disclosure.objects.exists()
    data["publish_until"] = "2026-10-15"
    response = client.post("/admin/publicity/publish/", data)
    disclosure = Disclosure.objects.get()
    assert response["Location"] == f"/admin/publicity/disclosure/inspect/{disclosure.pk}/"
    assert disclosure.body == ("当事人：浙江永安市政工程有限公司，法定代表人孙某。项目经理周某（身份证***）。"
                               "另查明其合同号1234567存在异常。")
    assert disclosure.entity == entity and disclosure.published_by == supervisor


def test_a_text_changed_after_the_preview_is_previewed_again(client, supervisor):
    client.force_login(supervisor)
    data = {"kind": "red_list", "title": "红名单", "body": "守信。", "publish_from": "2026-01-15"}
    preview = client.post("/admin/publicity/publish/", data)
    data["previewed"] = preview.context["form"]["previewed"].value()
    data["body"] = "守信。联系人王小明。"
    again = client.post("/admin/publicity/publish/", data)
    assert again.status_code == 200 and "联系人王某某" in again.content.decode()
    assert not Disclosure.objects.exists()


def test_unknown_entity_code_is_explained(client, supervisor):
    client.force_login(supervisor)
    response = client.post("/admin/publicity/publish/", {"kind": "red_list", "title": "红名单", "body": "守信。",
                                                        "entity": "NOPE", "publish_from": "2026-01-15"})
    assert "没有统一社会信用代码" in response.content.decode() or "No market entity" in response.content.decode()
    assert not Disclosure.objects.exists()


def test_withdrawal_and_credit_repair_through_the_back_office(client, supervisor, roles):
    decision = DisclosureFactory(title="投诉处理决定")
    penalty = DisclosureFactory(kind=Disclosure.Kind.PENALTY, title="处罚决定", publish_from=today() - dt.timedelta(days=120))
    client.force_login(UserFactory(roles=[EDITOR]))
    assert_refused(client.get(f"/admin/publicity/{decision.pk}/withdraw/"))
    client.force_login(supervisor)
    response = client.post(f"/admin/publicity/{decision.pk}/withdraw/", {"version": decision.version, "reason": ""})
    assert response.status_code == 200 and Disclosure.objects.get(pk=decision.pk).state == Disclosure.State.PUBLISHED
    client.post(f"/admin/publicity/{decision.pk}/withdraw/", {"version": decision.version, "reason": "复议撤销"})
    assert Disclosure.objects.get(pk=decision.pk).state == Disclosure.State.WITHDRAWN
    response = client.post(f"/admin/publicity/{penalty.pk}/repair/",
                           {"version": penalty.version, "reason": "已履行处罚并提交信用承诺", "repaired_on": today()})
    assert response.status_code == 302
    assert Disclosure.objects.get(pk=penalty.pk).state == Disclosure.State.REPAIRED
    assert "处罚决定" not in client.get("/publicity/").content.decode()


def test_a_stale_form_is_refused(client, supervisor):
    disclosure = DisclosureFactory()
    client.force_login(supervisor)
    response = client.post(f"/admin/publicity/{disclosure.pk}/withdraw/", {"version": 99, "reason": "错误"})
    assert response.status_code == 200
    assert Disclosure.objects.get(pk=disclosure.pk).state == Disclosure.State.PUBLISHED


@pytest.fixture
def team(roles):
    return make_team()


def test_publishing_a_decided_complaint_is_one_action(client, team):
    respondent = MarketEntityFactory(name="浙江鼎盛建筑工程有限公司", legal_representative="李建华")
    case = case_in_state(team, State.DECIDED, filer_name="王小明", respondent=respondent)
    client.force_login(team.supervisor)
    listing = client.get("/admin/publicity/complaint-decisions/").content.decode()
    assert case.number in listing
    page = client.get(f"/admin/publicity/complaint-decisions/{case.pk}/publish/").content.decode()
    assert "投诉人：王某某" in page and "王小明" not in page and "浙江鼎盛建筑工程有限公司" in page
    response = client.post(f"/admin/publicity/complaint-decisions/{case.pk}/publish/",
                           {"publish_from": today().isoformat(), "document_number": "住建投诉决〔2026〕9号"})
    disclosure = Disclosure.objects.get(kind=Disclosure.Kind.COMPLAINT_DECISION)
    assert response["Location"] == f"/admin/publicity/disclosure/inspect/{disclosure.pk}/"
    assert disclosure.source == case and disclosure.source_label == f"案件 {case.number}"
    assert disclosure.department == team.department and disclosure.entity == respondent
    assert "王小明" not in disclosure.body and "投诉事项不成立" in disclosure.body
    assert disclosure.document_number == "住建投诉决〔2026〕9号"
    assert f"/complaint-decisions/{case.pk}/publish/" not in client.get("/admin/publicity/complaint-decisions/").content.decode()
    public = client.get(f"/publicity/{disclosure.pk}/").content.decode()
    assert "王某某" in public and "王小明" not in public


def test_the_preview_highlights_what_may_still_identify_someone(client, team):
    case = case_in_state(team, State.DECIDED, filer_name="王小明", filer_phone="13900002222", respondent=None,
                         respondent_text="杭州张强建材有限公司", project=None, project_text="文三路改造工程 合同号 20261234567")
    client.force_login(team.supervisor)
    page = client.get(f"/admin/publicity/complaint-decisions/{case.pk}/publish/").content.decode()
    assert "王小明" not in page and "13900002222" not in page
    assert '<mark title="较长的数字：是否为账号、证件号码或电话号码？" data-suspicion="number">20261234567</mark>' in page
    assert 'data-suspicion="name">张强</mark>' in page
    assert "处内容可能仍可识别个人身份" in page


def test_a_clean_preview_says_nothing_suspicious_was_found(client, team):
    case = case_in_state(team, State.DECIDED, filer_name="王小明")
    client.force_login(team.supervisor)
    page = client.get(f"/admin/publicity/complaint-decisions/{case.pk}/publish/").content.decode()
    assert "隐去处理后的文本中未发现可疑内容。" in page and "<mark" not in page


def test_undecided_complaints_and_reports_are_refused(client, team):
    investigating = case_in_state(team, State.INVESTIGATING)
    report = case_in_state(team, State.DECIDED, kind=Kind.REPORT)
    client.force_login(team.supervisor)
    for case in (investigating, report):
        assert f"/complaint-decisions/{case.pk}/publish/" not in client.get("/admin/publicity/complaint-decisions/").content.decode()
        response = client.post(f"/admin/publicity/complaint-decisions/{case.pk}/publish/",
                               {"publish_from": today().isoformat()})
        assert response.status_code == 200
    assert not Disclosure.objects.exists()


def test_staff_without_the_permission_cannot_publish(client, team):
    case = case_in_state(team, State.DECIDED)
    client.force_login(team.handler)
    assert_refused(client.get(f"/admin/publicity/complaint-decisions/{case.pk}/publish/"))
    assert_refused(client.get("/admin/publicity/complaint-decisions/"))
    assert_refused(client.post(f"/admin/publicity/complaint-decisions/{case.pk}/publish/",
                               {"publish_from": today().isoformat()}))
    assert not Disclosure.objects.exists()


def test_publish_form_is_ready_to_submit_with_todays_date(client, team):
    """The browser's date picker takes only ISO dates: a date written the Chinese way (2026/11/22)
    would leave "published from" empty and the one-button publication would fail."""
    case = case_in_state(team, State.DECIDED)
    client.force_login(team.supervisor)
    page = client.get(f"/admin/publicity/complaint-decisions/{case.pk}/publish/").content.decode()
    assert f'name="publish_from" value="{today().isoformat()}"' in page
    header = page.split("<header", 1)[1].split("</header>", 1)[0]
    assert "公开投诉处理决定" in header  # the page's own title, not "首页"
    listing = client.get("/admin/publicity/complaint-decisions/").content.decode()
    assert f'href="/admin/cases/{case.pk}/"' in listing  # the case number opens the case
    assert "待公开的投诉处理决定" in listing.split("<header", 1)[1].split("</header>", 1)[0]


def test_disclosure_page_in_the_back_office_shows_no_python_none(client, supervisor):
    disclosure = DisclosureFactory(title="无项目的处理决定", project=None, body="第一行\n第二行")
    client.force_login(supervisor)
    html = client.get(f"/admin/publicity/disclosure/inspect/{disclosure.pk}/").content.decode()
    assert ">None<" not in html.replace(" ", "").replace("\n", "")
    assert "第一行<br>第二行" in html
