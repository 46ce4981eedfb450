"""Demo page tree: home, disclosures, news, policies, typical cases and guides, with site settings
and the editorial workflow. Idempotent: existing pages (found by slug) are left as editors left them."""

import datetime as dt
import json

from django.conf import settings as django_settings
from django.utils import timezone
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

from cms import demo_content as content
from cms.models import (
    ArticleIndexPage,
    ArticlePage,
    DisclosureIndexPage,
    GuideIndexPage,
    GuidePage,
    HomePage,
    PortalSettings,
)
from cms.services import set_up_editorial_workflow

SITE_NAME = "公共资源交易监督平台"


def _stream(blocks) -> str:
    return json.dumps([{"type": block_type, "value": value} for block_type, value in blocks], ensure_ascii=False)


def _child(parent, model, slug, **fields):
    """The live child page with this slug, created and published if missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = parent.add_child(instance=model(slug=slug, **fields))
    page.save_revision().publish()
    return page


def seed(stdout) -> None:
    home = _seed_home()
    _seed_site(home)
    _child(home, DisclosureIndexPage, "disclosures", title="信息公开", intro=content.DISCLOSURE_INTRO, show_in_menus=True)
    today = timezone.localdate()
    articles = 0
    for slug, title, intro, items in content.ARTICLE_SECTIONS:
        section = _child(home, ArticleIndexPage, slug, title=title, intro=intro, show_in_menus=True)
        for article_slug, article_title, category, days_ago, source, summary, body in items:
            _child(section, ArticlePage, article_slug, title=article_title, category=category,
                   date=today - dt.timedelta(days=days_ago), source=source, summary=summary, body=_stream(body))
            articles += 1
    guides = _child(home, GuideIndexPage, "guides", title="办事指南", show_in_menus=True,
                    intro="<p>投诉举报怎么提、多久办结、享有哪些权利、身份如何保护。</p>")
    for slug, title, summary, body in content.GUIDES:
        _child(guides, GuidePage, slug, title=title, summary=summary, body=_stream(body))
    set_up_editorial_workflow(site_root=home)
    stdout.write(f"cms: site tree with {articles} articles and {len(content.GUIDES)} guides; editorial workflow ready")


def tree_root() -> Page:
    """Wagtail's root page. Wagtail's migrations create it with the default locale and the root
    collection; a database emptied since (as after a live-server test) gets them back here."""
    root = Page.get_first_root_node()
    if root is None:
        language = get_supported_content_language_variant(django_settings.LANGUAGE_CODE)
        locale, _created = Locale.objects.get_or_create(language_code=language)
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    return root


def _seed_home() -> HomePage:
    home = HomePage.objects.first()
    if home is None:
        root = tree_root()
        # Wagtail's migrations leave a default "Welcome" page; the portal's home replaces it.
        for welcome_page in root.get_children().exact_type(Page):
            welcome_page.delete()
        home = root.add_child(instance=HomePage(title=SITE_NAME, slug="home", intro=content.HOME_INTRO,
                                                body=content.HOME_BODY, notice=content.HOME_NOTICE))
        home.save_revision().publish()
    return home


def _seed_site(home) -> None:
    site = Site.objects.filter(is_default_site=True).first() or Site(hostname="localhost", port=80, is_default_site=True)
    site.root_page = home
    site.site_name = SITE_NAME
    site.save()
    settings = PortalSettings.for_site(site)
    settings.hotline = settings.hotline or "0571-12345"
    settings.address = settings.address or "市民中心B座5楼 公共资源交易管理委员会办公室"
    settings.office_hours = settings.office_hours or "工作日 9:00–12:00，14:00–17:30"
    settings.email = settings.email or "jiandu@portal.example.cn"
    settings.footer = settings.footer or "主办：市公共资源交易管理委员会办公室"
    settings.icp_number = settings.icp_number or "浙ICP备00000000号"
    settings.save()
