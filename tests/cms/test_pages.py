"""Wagtail pages: where each type can be created, and what each renders."""

import datetime as dt
import json

import pytest
from django.apps import apps
from django.urls import NoReverseMatch, reverse

from cms.models import ArticleIndexPage, ArticlePage, DisclosureIndexPage, GuideIndexPage, GuidePage, HomePage
from publicity.models import Disclosure
from tests.factories.cms import (
    make_article,
    make_disclosure_index,
    make_guide,
    make_guide_section,
    make_home,
    make_section,
    publish_child,
)
from tests.factories.directory import DepartmentFactory, MarketEntityFactory
from tests.factories.publicity import DisclosureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def home():
    return make_home(intro="依法受理公共资源交易投诉举报。", notice="国庆假期期间网上投诉正常提交。")


def test_page_type_rules():
    assert ArticleIndexPage in HomePage.allowed_subpage_models()
    assert DisclosureIndexPage in HomePage.allowed_subpage_models()
    assert GuideIndexPage in HomePage.allowed_subpage_models()
    # Open for other apps' sections, e.g. reporting's quarterly report index.
    assert getattr(HomePage, "subpage_types", None) is None
    assert ArticlePage.allowed_parent_page_models() == [ArticleIndexPage]
    assert GuidePage.allowed_parent_page_models() == [GuideIndexPage]
    assert ArticlePage.allowed_subpage_models() == [] and GuidePage.allowed_subpage_models() == []


def test_only_one_home_and_one_disclosure_index(home):
    assert not HomePage.can_create_at(home.get_parent())
    assert DisclosureIndexPage.can_create_at(home)
    make_disclosure_index(home)
    assert not DisclosureIndexPage.can_create_at(home)
    assert not ArticlePage.can_create_at(home)


def test_home_page_shows_sections_services_and_latest_disclosures(client, home):
    news = make_section(home)
    make_article(news, title="公共资源交易监督平台上线运行", summary="投诉举报网上办。")
    cases = make_section(home, title="以案促改", slug="typical-cases")
    make_article(cases, title="某道路工程围标串标案", category=ArticlePage.Category.TYPICAL_CASE, summary="投标文件同一人编制。")
    guides = make_guide_section(home)
    make_guide(guides)
    index = make_disclosure_index(home)
    decision = DisclosureFactory(title="关于学校教学楼建设项目投诉的处理决定")
    body = client.get("/").content.decode()
    for text in ("依法受理公共资源交易投诉举报。", "国庆假期期间网上投诉正常提交。", "公共资源交易监督平台上线运行",
                 "某道路工程围标串标案", "如何提交投诉", "关于学校教学楼建设项目投诉的处理决定", "最新公开", "网上办事"):
        assert text in body
    assert f'href="/disclosures/{decision.pk}/"' in body
    # Main navigation: every section marked "show in menus".
    nav = body.split('class="main-nav"')[1].split("</nav>")[0]
    assert "新闻动态" in nav and "以案促改" in nav and "办事指南" in nav and "信息公开" in nav
    assert index.url == "/disclosures/"


@pytest.mark.parametrize("name", ["complaint_new", "report_new", "suggestion_new", "track", "my_cases"])
def test_home_links_to_the_online_services_that_exist(client, home, name):
    body = client.get("/").content.decode()
    try:
        url = reverse(f"cases:{name}")
    except NoReverseMatch:  # that service is not built: no dead link
        url = None
    if url:
        assert f'class="service-tile" href="{url}"' in body
    else:
        assert f"/cases/{name}" not in body


def test_home_links_to_the_public_inspection_draws(client, home):
    body = client.get("/").content.decode()
    assert f'class="service-tile" href="{reverse("inspections:index")}"' in body
    assert client.get(reverse("inspections:index")).status_code == 200


def test_quarterly_reports_link_only_when_such_a_page_exists(client, home):
    assert 'href="/quarterly-reports/"' not in client.get("/").content.decode()
    index_model = apps.get_model("reporting", "QuarterlyReportIndexPage")  # built by the reporting app
    assert index_model in HomePage.allowed_subpage_models()
    publish_child(home, index_model(title="季度报告", slug="quarterly-reports"))
    assert 'class="service-tile" href="/quarterly-reports/"' in client.get("/").content.decode()


def test_article_section_lists_articles_newest_first_with_pagination(client, home):
    news = make_section(home)
    for day in range(12):
        make_article(news, title=f"工作动态第{day + 1}期", date=dt.date(2026, 1, day + 1))
    body = client.get("/news/").content.decode()
    assert body.index("工作动态第12期") < body.index("工作动态第3期")
    assert "工作动态第2期" not in body and "第 1 页，共 2 页" in body
    assert "工作动态第1期" in client.get("/news/?page=2").content.decode()


def test_article_page_renders_its_stream(client, home):
    news = make_section(home, title="以案促改", slug="typical-cases")
    body = json.dumps([
        {"type": "heading", "value": "基本案情"},
        {"type": "paragraph", "value": "<p>五家投标人的投标文件由同一台电脑编制。</p>"},
        {"type": "callout", "value": {"style": "warning", "title": "警示", "text": "<p>视为串通投标。</p>"}},
        {"type": "legal_basis", "value": {"law": "中华人民共和国招标投标法实施条例", "article": "第四十条",
                                          "text": "不同投标人的投标文件由同一单位或者个人编制。"}},
    ], ensure_ascii=False)
    article = make_article(news, title="某道路工程围标串标案", category=ArticlePage.Category.TYPICAL_CASE,
                           source="市住建局", body=body, slug="bid-rigging")
    html = client.get(article.url).content.decode()
    assert '<h2 class="block-heading">基本案情</h2>' in html
    assert "五家投标人的投标文件由同一台电脑编制。" in html
    assert 'class="callout callout-warning"' in html and "警示" in html
    assert "《中华人民共和国招标投标法实施条例》第四十条" in html
    assert "典型案例" in html and "市住建局" in html
    assert 'aria-current="page"' in html  # breadcrumb and the section in the main navigation


def test_guide_page_renders_steps_deadlines_and_questions(client, home):
    guides = make_guide_section(home)
    body = json.dumps([
        {"type": "steps", "value": [{"title": "准备材料", "text": "<p>投诉书和证明材料。</p>"},
                                    {"title": "在线提交", "text": "<p>点击我要投诉。</p>"}]},
        {"type": "deadlines", "value": [{"matter": "投诉受理", "deadline": "3个工作日", "basis": "实施条例第六十一条"}]},
        {"type": "faq", "value": [{"question": "可以匿名吗？", "answer": "<p>举报可以匿名。</p>"}]},
    ], ensure_ascii=False)
    guide = make_guide(guides, body=body)
    html = client.get(guide.url).content.decode()
    assert '<ol class="steps">' in html and "<h3>准备材料</h3>" in html
    assert '<th scope="row">投诉受理</th><td>3个工作日</td>' in html
    assert "<summary>可以匿名吗？</summary>" in html
    assert "如何提交投诉" in client.get("/guides/").content.decode()


def test_disclosure_index_page_routes_list_filters_and_detail(client, home):
    make_disclosure_index(home)
    department = DepartmentFactory(name="市水利局")
    penalty = DisclosureFactory(kind=Disclosure.Kind.PENALTY, title="水利工程行政处罚决定书", department=department,
                                entity=MarketEntityFactory(name="浙江润泽水利水电工程有限公司"),
                                body="项目负责人：陈小红，电话13912345678。")
    DisclosureFactory(title="关于道路改造工程投诉的处理决定")
    html = client.get("/disclosures/").content.decode()
    assert "水利工程行政处罚决定书" in html and "关于道路改造工程投诉的处理决定" in html
    assert '<label for="id_q">' in html and 'id="id_q"' in html
    html = client.get("/disclosures/", {"q": "润泽水利"}).content.decode()
    assert "水利工程行政处罚决定书" in html and "道路改造" not in html
    html = client.get("/disclosures/", {"kind": "complaint_decision"}).content.decode()
    assert "水利工程行政处罚决定书" not in html
    html = client.get("/disclosures/", {"department": department.pk}).content.decode()
    assert "水利工程行政处罚决定书" in html and "道路改造" not in html
    detail = client.get(f"/disclosures/{penalty.pk}/")
    text = detail.content.decode()
    assert detail.status_code == 200 and "陈某某" in text and "陈小红" not in text and "电话***" in text and "5678" not in text
    assert client.get("/disclosures/999999/").status_code == 404
    # The /publicity/ addresses lead to the page once it exists.
    assert client.get(f"/publicity/{penalty.pk}/")["Location"] == f"/disclosures/{penalty.pk}/"
    assert client.get("/publicity/?kind=penalty")["Location"] == "/disclosures/?kind=penalty"


def test_portal_settings_appear_in_the_footer(client, home):
    from wagtail.models import Site

    from cms.models import PortalSettings

    settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    settings.hotline, settings.icp_number = "0571-12345", "浙ICP备12345678号"
    settings.save()
    html = client.get("/").content.decode()
    assert 'href="tel:0571-12345"' in html and "浙ICP备12345678号" in html


def test_the_footer_is_read_once_and_follows_a_change_to_the_settings(client, home, django_assert_num_queries):
    from django.core.cache import cache
    from wagtail.models import Site

    from cms.models import PortalSettings
    from cms.selectors import CONTACTS_KEY

    settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    settings.hotline = "0571-12345"
    settings.save()
    assert 'href="tel:0571-12345"' in client.get("/cases/track/").content.decode()
    cache.delete(CONTACTS_KEY)
    with django_assert_num_queries(2):  # the site, then its settings
        client.get("/cases/track/")
    with django_assert_num_queries(0):  # then from the shared cache, on every page
        client.get("/cases/track/")
    settings.hotline = "0571-67890"
    settings.save()
    html = client.get("/cases/track/").content.decode()
    assert 'href="tel:0571-67890"' in html and "0571-12345" not in html


def test_a_page_for_an_unknown_host_still_renders_without_the_footer(client, home):
    response = client.get("/cases/track/", HTTP_HOST="attacker.example")
    assert response.status_code == 400
