"""Public read endpoints: disclosures (filters, Chinese search, pagination) and published statistics."""

import datetime as dt

import pytest
from django.utils import timezone

from publicity.models import Disclosure
from publicity.services import withdraw_disclosure
from reporting.services import draft_quarterly_report, freeze_quarter
from tests.factories.directory import DepartmentFactory, MarketEntityFactory, UserFactory
from tests.factories.publicity import DisclosureFactory

pytestmark = pytest.mark.django_db
today = timezone.localdate


@pytest.fixture
def disclosures(roles):
    penalty = DisclosureFactory(
        kind=Disclosure.Kind.PENALTY, title="杭州恒信市政工程有限公司行政处罚决定书",
        entity=MarketEntityFactory(name="杭州恒信市政工程有限公司"), department=DepartmentFactory(name="市交通运输局"),
        body="当事人：杭州恒信市政工程有限公司。项目经理：周建华，电话13912345678。\n罚款人民币伍万元。",
    )
    decisions = [DisclosureFactory(title=f"关于道路改造工程{n}投诉的处理决定") for n in range(3)]
    withdrawn = DisclosureFactory(title="已撤回的围标处理决定")
    from directory.roles import OFFICE_SUPERVISOR

    withdraw_disclosure(disclosure_id=withdrawn.pk, actor=UserFactory(roles=[OFFICE_SUPERVISOR]), reason="原决定被撤销")
    future = DisclosureFactory(title="尚未到公示日期的决定", publish_from=today() + dt.timedelta(days=3))
    return {"penalty": penalty, "decisions": decisions, "withdrawn": withdrawn, "future": future}


def test_list_is_public_paginated_and_only_published(api, disclosures):
    response = api.get("/api/v1/disclosures/?page_size=2")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 4 and len(data["results"]) == 2 and data["next"]
    titles = {row["title"] for row in api.get("/api/v1/disclosures/").json()["results"]}
    assert "已撤回的围标处理决定" not in titles and "尚未到公示日期的决定" not in titles
    assert api.get("/api/v1/disclosures/?page=99").status_code == 404


def test_chinese_search_and_filters(api, disclosures):
    found = api.get("/api/v1/disclosures/", {"q": "恒信 处罚"}).json()
    assert [row["id"] for row in found["results"]] == [disclosures["penalty"].pk]
    row = found["results"][0]
    assert row["kind_label"] == "行政处罚" and "13912345678" not in row["body"]  # redacted as published
    assert row["web_url"].startswith("http://testserver/")
    assert api.get("/api/v1/disclosures/", {"kind": "complaint_decision"}).json()["count"] == 3
    assert api.get("/api/v1/disclosures/", {"q": "围标"}).json()["count"] == 0  # only in a withdrawn one
    bad = api.get("/api/v1/disclosures/", {"kind": "gossip", "date_from": "2026-13-01"})
    assert bad.status_code == 400 and set(bad.json()["errors"]) == {"kind", "date_from"}


def test_detail_and_unpublished_ones(api, disclosures):
    ok = api.get(f"/api/v1/disclosures/{disclosures['penalty'].pk}/")
    assert ok.status_code == 200 and ok.json()["entity_name"] == "杭州恒信市政工程有限公司"
    for hidden in ("withdrawn", "future"):
        response = api.get(f"/api/v1/disclosures/{disclosures[hidden].pk}/")
        assert response.status_code == 404 and response.json()["detail"] == "该公开信息不存在或已不再公开。"


@pytest.fixture
def home(db):
    from wagtail.models import Page, Site

    from cms.models import HomePage

    home = Page.get_first_root_node().add_child(instance=HomePage(title="公共资源交易监督平台", slug="home-api"))
    Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home, "hostname": "localhost", "port": 80})
    return home


def test_statistics_only_for_published_quarters(api, home):
    after = dt.date(2025, 7, 1)
    page = draft_quarterly_report(year=2025, quarter=2, today=after)
    freeze_quarter(year=2025, quarter=1, today=after)  # frozen, no report page: not public
    assert api.get("/api/v1/statistics/quarters/").json()["count"] == 0
    assert api.get("/api/v1/statistics/quarters/2025-Q2/").status_code == 404  # still a draft
    page.save_revision().publish()
    listed = api.get("/api/v1/statistics/quarters/").json()
    assert [row["period"] for row in listed["results"]] == ["2025-Q2"]
    detail = api.get("/api/v1/statistics/quarters/2025-Q2/").json()
    assert detail["figures"] == page.snapshot.data and detail["report_url"].endswith(page.url)
    assert detail["frozen_at"].endswith("+08:00")
    assert api.get("/api/v1/statistics/quarters/2025-Q1/").status_code == 404
    assert api.get("/api/v1/statistics/quarters/2025-5/").json()["detail"].startswith("2025-5 没有已发布的季度报告")
