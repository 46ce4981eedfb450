"""The workbench in a real browser at 1280 px: a queue of 50 cases fits one line per case, and the
referral form offers only the chosen department's handlers (cases/static/cases/referral.js)."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from cases.models import State
from tests.factories.cases import CaseFactory, advance, make_team

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def team(roles):
    return make_team()


def log_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_a_queue_of_50_cases_fits_one_line_per_case_at_1280_px(page, live_server, team):
    for n in range(50):
        CaseFactory(title=f"关于某市城东片区道路改造及配套管网工程施工总承包项目第{n}标段评标结果的投诉及相关请求事项")
    log_in(page, live_server, team.intake)
    page.goto(reverse("cases_queue", args=["incoming"]))
    page.shot("queue")
    rows = page.locator("table.case-queue tbody tr")
    assert rows.count() == 50
    heights = rows.evaluate_all("rows => rows.map(row => row.getBoundingClientRect().height)")
    assert max(heights) - min(heights) < 2 and max(heights) < 60  # one line each
    width = page.evaluate("document.querySelector('table.case-queue').getBoundingClientRect().right")
    assert width <= 1280
    title = page.locator("table.case-queue tbody tr").first.locator(".case-queue__title .case-queue__cut")
    assert title.get_attribute("title").endswith("相关请求事项")


def test_the_referral_form_offers_only_the_departments_handlers(page, live_server, team):
    case = advance(CaseFactory(), team, State.ACCEPTED)
    log_in(page, live_server, team.intake)
    page.goto(reverse("cases_action", args=[case.pk, "assign"]))
    handler = page.locator('select[data-referral="handler"]')

    def offered():
        return handler.locator("option:not([hidden])").evaluate_all("options => options.map(o => o.value)")

    page.select_option('select[data-referral="department"]', str(team.department.pk))
    ours = {str(team.handler.pk), str(team.grid_handler.pk), str(team.grid_supervisor.pk)}
    assert ours <= set(offered()) and str(team.other_handler.pk) not in offered()
    page.select_option('select[data-referral="department"]', str(team.other_department.pk))
    assert str(team.other_handler.pk) in offered() and not ours & set(offered())
    page.shot("referral")
