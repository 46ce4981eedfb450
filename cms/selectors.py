"""Reads for the public site's pages and navigation."""

from django.core.cache import cache
from wagtail.models import Page

from cms.models import ArticlePage, DisclosureIndexPage, GuidePage
from portal.shared_cache import DAY, forget, remembered
from publicity.selectors import latest_public_disclosures

# Other apps' section pages linked from the home page when they exist (no import: optional apps).
QUARTERLY_REPORTS = ("reporting", "quarterlyreportindexpage")


def live_page_of_type(app_label: str, model: str):
    return (Page.objects.live().public().filter(content_type__app_label=app_label, content_type__model=model)
            .order_by("path").first())


def home_page_sections(home) -> dict:
    articles = ArticlePage.objects.live().public().descendant_of(home).order_by("-date", "-pk")
    return {
        "latest_disclosures": latest_public_disclosures(6),
        "disclosure_index": DisclosureIndexPage.objects.live().public().first(),
        "latest_news": list(articles.filter(category__in=[ArticlePage.Category.NEWS, ArticlePage.Category.NOTICE])[:5]),
        "typical_cases": list(articles.filter(category=ArticlePage.Category.TYPICAL_CASE)[:3]),
        "policies": list(articles.filter(category=ArticlePage.Category.POLICY)[:5]),
        "guides": list(GuidePage.objects.live().public().descendant_of(home).order_by("path")[:6]),
        "quarterly_reports": live_page_of_type(*QUARTERLY_REPORTS),
    }


MENU_KEY = "cms:main-menu"


def menu_entries(request) -> list[tuple[str, str]]:
    """(title, url) of the main navigation for the request's site and language. Every public page
    shows it, so it is kept in the shared cache until a page, its privacy or a site changes
    (signals, cms/apps.py)."""
    from django.utils.translation import get_language
    from wagtail.models import Site

    def read() -> list[tuple[str, str]]:
        return [(page.title, page.get_url(request)) for page in menu_pages(Site.find_for_request(request))]

    variant = f"{request.get_host()}|{get_language()}"
    menus = remembered(MENU_KEY, dict)
    if variant not in menus:
        menus = {**menus, variant: read()}
        cache.set(MENU_KEY, menus, DAY)
    return menus[variant]


def forget_menu(**_signal) -> None:
    forget(MENU_KEY)


def menu_pages(site):
    """Top-level pages marked "show in menus", for the main navigation."""
    if site is None:
        return []
    return list(site.root_page.get_children().live().public().in_menu().order_by("path"))
