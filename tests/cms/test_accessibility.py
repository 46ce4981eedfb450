"""Public pages work on a phone and with a keyboard: viewport, skip link, labelled form fields,
no layout tables without headers, a current-page marker in the navigation."""

from html.parser import HTMLParser

import pytest

from tests.factories.cms import (
    make_article,
    make_disclosure_index,
    make_guide,
    make_guide_section,
    make_home,
    make_section,
)
from tests.factories.publicity import DisclosureFactory

pytestmark = pytest.mark.django_db


class PageAudit(HTMLParser):
    def __init__(self):
        super().__init__()
        self.labels_for, self.fields, self.tags = set(), [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "label" and attrs.get("for"):
            self.labels_for.add(attrs["for"])
        if tag in ("input", "select", "textarea") and attrs.get("type") not in ("hidden", "submit"):
            self.fields.append(attrs)


def audit(html: str) -> PageAudit:
    parser = PageAudit()
    parser.feed(html)
    return parser


@pytest.fixture
def site():
    home = make_home()
    news = make_section(home)
    article = make_article(news, title="平台上线运行", slug="online")
    guide = make_guide(make_guide_section(home))
    make_disclosure_index(home)
    disclosure = DisclosureFactory()
    return ["/", news.url, article.url, "/guides/", guide.url, "/disclosures/", f"/disclosures/{disclosure.pk}/"]


def test_every_public_page_is_usable_on_a_phone_and_by_keyboard(client, site):
    for url in site:
        html = client.get(url).content.decode()
        page = audit(html)
        assert ("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}) in page.tags, url
        assert ("a", {"class": "skip-link", "href": "#main"}) in page.tags, url
        assert any(tag == "main" and attrs.get("id") == "main" for tag, attrs in page.tags), url
        unlabelled = [f for f in page.fields if f.get("id") not in page.labels_for and not f.get("aria-label")]
        assert unlabelled == [], (url, unlabelled)
        # Nothing is reachable only with a mouse: no click handlers, no positive tabindex.
        assert not any("onclick" in attrs or int(attrs.get("tabindex", 0) or 0) > 0 for _, attrs in page.tags), url


def test_current_section_is_marked_in_the_navigation(client, site):
    html = client.get("/news/").content.decode()
    nav = html.split('class="main-nav"')[1].split("</nav>")[0]
    assert '<a href="/news/" aria-current="page">新闻动态</a>' in nav


def nav_links(client, url="/"):
    html = client.get(url).content.decode()
    nav = html.split('class="main-nav"')[1].split("</nav>")[0]
    return nav


def test_the_menu_is_read_once_and_follows_every_change_to_the_sections(client, site, django_assert_max_num_queries):
    from django.core.cache import cache
    from wagtail.models import Page

    from cms.selectors import MENU_KEY

    assert "新闻动态" in nav_links(client)
    news = Page.objects.get(url_path__endswith="/news/").specific
    with django_assert_max_num_queries(50) as cached:
        client.get("/guides/")
    cache.delete(MENU_KEY)
    with django_assert_max_num_queries(50) as read:
        client.get("/guides/")
    assert len(cached.captured_queries) < len(read.captured_queries)  # the site and its sections: not per page

    news.title = "工作动态"
    news.save_revision().publish()
    assert "工作动态" in nav_links(client) and "新闻动态" not in nav_links(client)
    news.unpublish()
    assert "工作动态" not in nav_links(client)
