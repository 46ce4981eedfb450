"""What a shared cache may keep (issue 16 item 4) and what error pages, robots.txt and the
sitemap show (item 5)."""

import io
from urllib.parse import urlsplit

import pytest
from defusedxml import ElementTree as ET
from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory
from django.utils import translation
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db
User = get_user_model()

PERSONAL_PATH = "/no-such-page-13800138000/?name=张伟&id=330102197001011234"


@pytest.fixture
def site(db):
    from cms import demo as cms_demo
    from directory import demo as directory_demo
    from directory.roles import sync_roles

    sync_roles()
    directory_demo.seed(io.StringIO())
    cms_demo.seed(io.StringIO())


def cache_control(response) -> set[str]:
    return {part.strip() for part in response.headers.get("Cache-Control", "").split(",") if part.strip()}


def vary(response) -> set[str]:
    return {part.strip().lower() for part in response.headers.get("Vary", "").split(",") if part.strip()}


def test_anonymous_public_page_may_be_shared_but_varies_on_the_language_cookie(client, site):
    response = client.get("/")
    assert response.status_code == 200
    assert "private" not in cache_control(response) and "no-store" not in cache_control(response)
    assert "cookie" in vary(response)


def test_my_cases_and_prefilled_forms_are_private(client, site):
    client.force_login(User.objects.get(username="bidder"))
    for url in ("/cases/my/", "/cases/complaint/new/", "/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert {"private", "no-store"} <= cache_control(response), url
        assert "public" not in cache_control(response)


def test_pages_with_the_staff_user_bar_and_the_back_office_are_private(client, site):
    client.force_login(User.objects.get(username="auditor"))
    for url in ("/", "/admin/", "/disclosures/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert {"private", "no-store"} <= cache_control(response), url
    anonymous = Client()
    assert {"private", "no-store"} <= cache_control(anonymous.get("/admin/login/"))


def test_feeds_and_exports_vary_on_the_language_cookie(client, site):
    for url in ("/publicity/feed/rss/", "/publicity/feed/atom/", "/publicity/export.csv"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "cookie" in vary(response), url


@pytest.mark.parametrize(("language", "heading"), [("zh-hans", "页面不存在"), ("en", "Page not found")])
def test_404_is_translated_and_shows_nothing_of_the_request(client, site, settings, language, heading):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(PERSONAL_PATH)
    assert response.status_code == 404
    body = response.content.decode()
    assert heading in body
    for fragment in ("13800138000", "张伟", "330102197001011234", "no-such-page", "id=33"):
        assert fragment not in body


@pytest.mark.parametrize(("language", "heading"), [("zh-hans", "服务器错误"), ("en", "Server error")])
def test_500_is_translated_and_shows_nothing_of_the_request(language, heading):
    request = RequestFactory().get(PERSONAL_PATH)
    with translation.override(language):
        response = server_error(request)
    body = response.content.decode()
    assert response.status_code == 500
    assert heading in body and f'lang="{language}"' in body
    assert "13800138000" not in body and "张伟" not in body and "no-such-page" not in body


def test_robots_txt_keeps_crawlers_out_of_private_paths_and_points_to_the_sitemap(client, site):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    for path in ("/admin/", "/django-admin/", "/cases/case/", "/cases/my/", "/cases/account/"):
        assert f"Disallow: {path}" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Content-Language" not in response.headers


def test_sitemap_lists_public_pages_and_nothing_private(client, site):
    from tests.factories.publicity import DisclosureFactory

    disclosure = DisclosureFactory.create()
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    sections = [loc.text for loc in ET.fromstring(index.content).findall("s:sitemap/s:loc", namespace)]
    assert any(s.endswith("sitemap-pages.xml") for s in sections)
    urls = []
    for section in sections:
        response = client.get(urlsplit(section).path)
        assert response.status_code == 200, section
        urls += [loc.text for loc in ET.fromstring(response.content).findall("s:url/s:loc", namespace)]
    paths = {urlsplit(url).path for url in urls}
    assert {"/", "/guides/", "/cases/", "/cases/track/", "/disclosures/", "/inspections/"} <= paths
    assert disclosure.get_absolute_url() in paths
    assert not [p for p in paths if p.startswith(("/admin/", "/django-admin/", "/cases/case/", "/cases/my/"))]
