"""Browser test of a case's whole journey through the real UI (issue 9 item 13): a registered
bidder files a complaint from their public account; the office accepts it and refers it to a
department; the handler handles it and proposes a decision; the department head approves it (four
eyes: the handler cannot); the handler gives feedback; the bidder rates the handling. Staff sign
in with their password and authenticator code. Screenshots: test-artifacts/<test name>/."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from cases.models import Case, State
from directory.roles import COMPLAINANT
from tests.browser.conftest import log_in_staff
from tests.factories.cases import make_team
from tests.factories.directory import BidFactory, MarketEntityFactory, TradingProjectFactory, UserFactory
from tests.factories.files import PDF_BYTES

# serialized_rollback: the flush after a live-server test must not take Wagtail's root page from
# the tests that run later.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BIDDER_PHONE = "13800138000"
BIDDER_PASSWORD = "Zheng-yi-2026"


@pytest.fixture
def captcha_passes(monkeypatch):
    from captcha.conf import settings as captcha_settings

    monkeypatch.setattr(captcha_settings, "CAPTCHA_TEST_MODE", True)  # the answer "PASSED" is accepted


@pytest.fixture
def bidder(roles):
    """A company that bid on a project of the team's department, and its staff member's account."""
    team = make_team()
    company = MarketEntityFactory(name="浙宏达建设工程有限公司", legal_representative="王强")
    project = TradingProjectFactory(code="P-2026-0815", name="滨江路改造工程施工", department=team.department)
    BidFactory(project=project, bidder=company)
    user = UserFactory(username=BIDDER_PHONE, first_name="王强", email="", roles=[COMPLAINANT])
    user.set_password(BIDDER_PASSWORD)
    user.save()
    return team, company, project, user


def test_a_bidders_complaint_from_filing_to_satisfaction(open_page, bidder, captcha_passes, tmp_path):
    team, company, project, user = bidder
    filer = open_page("bidder")
    number = file_a_complaint_from_the_account(filer, company, project, tmp_path)

    office = open_page("office")
    log_in_staff(office, team.intake)
    open_from_queue(office, "/admin/cases/queue/all/", number)
    act(office, "受理", {"note": "材料齐全，符合受理条件，予以受理。"}, done="已受理")
    act(
        office,
        "转办",
        {"department": team.department.name, "handler": str(team.handler.pk), "note": "请依法调查处理并按期反馈。"},
        done="已转办",
    )

    handler = open_page("handler")
    log_in_staff(handler, team.handler)
    open_from_queue(handler, "/admin/cases/queue/mine/", number)
    act(handler, "开始办理", {}, done="已开始办理")
    act(
        handler,
        "提出处理意见",
        {
            "outcome": "unsubstantiated",
            "decision_text": "经调取评标录像及评分表复核，评标委员会按招标文件规定的评分标准打分，投诉事项不成立。",
        },
        done="处理意见已提交审核",
    )
    # Four eyes: whoever proposed the decision cannot approve it, not even by typing the address.
    assert handler.get_by_role("link", name="审核通过").count() == 0
    handler.goto(handler.url + "do/approve_decision/")
    handler.wait_for_url(re.compile(r"/admin/cases/\d+/$"))
    handler.shot("approval-refused")
    assert "您目前不能对本案件执行“审核通过”" in handler.inner_text("body")

    head = open_page("head")
    log_in_staff(head, team.head)
    open_from_queue(head, "/admin/cases/queue/under_review/", number)
    act(head, "审核通过", {"note": "同意处理意见。"}, done="处理决定已审核通过")

    handler.reload()
    act(
        handler,
        "向投诉举报人反馈",
        {"reply_text": "经调查，投诉事项不成立，维持原评标结果。"},
        done="已向投诉举报人反馈",
    )

    rate_the_handling(filer, number)
    case = Case.objects.get(number=number)
    assert case.state == State.CLOSED and case.satisfaction and case.filer_user == user
    actors = dict(case.events.exclude(actor=None).values_list("action", "actor__username"))
    assert actors["accepted"] == team.intake.username and actors["decision_approved"] == team.head.username


def file_a_complaint_from_the_account(page, company, project, tmp_path) -> str:
    page.goto("/cases/account/login/")
    page.fill("input[name=username]", BIDDER_PHONE)
    page.fill("input[name=password]", BIDDER_PASSWORD)
    page.shot("login")
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/cases/my/")
    page.goto("/cases/complaint/new/")

    evidence = tmp_path / "objection-reply.pdf"
    evidence.write_bytes(PDF_BYTES)
    today = timezone.localdate()
    page.check("input[name=filer_type][value=organisation]")
    page.fill("input[name=filer_name]", company.name)
    page.fill("input[name=filer_credit_code]", company.code)
    page.fill("input[name=filer_legal_representative]", "王强")
    page.fill("input[name=filer_address]", "杭州市滨江区江南大道100号")
    page.fill("input[name=project_query]", project.code)
    page.get_by_role("option", name=re.compile(project.code)).click()
    page.fill("input[name=respondent_name]", project.tenderer.name)
    page.select_option("select[name=matter_type]", "evaluation_result")
    page.fill("input[name=knew_on]", (today - dt.timedelta(days=6)).isoformat())
    page.fill("input[name=objection_raised_on]", (today - dt.timedelta(days=5)).isoformat())
    page.fill("input[name=objection_replied_on]", (today - dt.timedelta(days=2)).isoformat())
    page.fill("textarea[name=objection_reply]", "评标结果符合招标文件规定，异议不成立。")
    page.fill("input[name=title]", "对滨江路改造工程评标结果的投诉")
    page.fill("textarea[name=facts]", "评标委员会未按招标文件规定的评标办法对我公司的技术标打分，得分明显偏低。")
    page.fill("textarea[name=requests]", "请求责令重新评审。")
    page.set_input_files("input[name=attachments]", str(evidence))
    page.shot("complaint-filled")
    page.get_by_role("button", name="提交投诉").click()
    page.wait_for_selector("#receipt-number")
    page.shot("complaint-receipt")
    number = page.inner_text("#receipt-number").strip()
    case = Case.objects.get(number=number)
    assert case.filer_user_id is not None and case.project == project and case.attachments.count() == 1
    return number


def open_from_queue(page, queue: str, number: str) -> None:
    page.goto(queue)
    page.shot("queue")
    page.get_by_role("link", name=number).click()
    page.wait_for_url(re.compile(r"/admin/cases/\d+/$"))
    page.shot("case")


def act(page, action: str, fields: dict, *, done: str) -> None:
    """Click the action's button on the case page, fill its form, submit, and see it done."""
    page.get_by_role("link", name=action, exact=True).click()
    page.wait_for_url(re.compile(r"/admin/cases/\d+/do/\w+/$"))
    for name, value in fields.items():
        field = page.locator(f"[name={name}]")
        if field.evaluate("element => element.tagName") == "SELECT":
            options = field.locator("option").all_inner_texts()
            field.select_option(label=value) if value in options else field.select_option(value=value)
        else:
            field.fill(value)
    slug = page.url.rstrip("/").rsplit("/", 1)[-1]
    page.shot(f"{slug}-form")
    page.get_by_role("button", name=action, exact=True).click()
    page.wait_for_url(re.compile(r"/admin/cases/\d+/$"))
    page.shot(f"{slug}-done")
    assert done in page.inner_text("body")


def rate_the_handling(page, number: str) -> None:
    page.goto("/cases/my/")
    page.shot("my-cases")
    page.get_by_role("link", name=number).click()
    page.wait_for_url(f"**/cases/case/{number}/")
    assert "经调查，投诉事项不成立" in page.inner_text("main")
    page.check("input[name=satisfied][value=yes]")
    page.shot("rating")
    page.get_by_role("button", name="提交评价").click()
    page.wait_for_load_state()
    page.shot("rated")
    assert "感谢您的评价" in page.inner_text("main")
