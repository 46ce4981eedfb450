"""Reads for the public site's pages and navigation."""

from django.core.cache import cache
from django.core.exceptions import DisallowedHost
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
CONTACTS_KEY = "cms:portal-contacts"
CONTACT_FIELDS = ("hotline", "address", "office_hours", "email", "footer", "icp_number")


def menu_entries(request) -> list[tuple[str, str]]:
    """(title, url) of the main navigation for the request's site and language. Every public page
    shows it, so it is kept in the shared cache until a page, its privacy or a site changes
    (signals, cms/apps.py)."""
    from django.utils.translation import get_language
    from wagtail.models import Site

    def read() -> list[tuple[str, str]]:
        return [(page.title, page.get_url(request)) for page in menu_pages(Site.find_for_request(request))]

    return _per_variant(MENU_KEY, f"{request.get_host()}|{get_language()}", read)


def portal_contacts(request) -> dict[str, str]:
    """The office's contact details (PortalSettings) for the request's site, shown in every public
    page's footer. Finding the site and its settings costs two queries and ~7 ms a request, so
    they are kept in the shared cache until the settings or a site change (cms/apps.py)."""
    from wagtail.models import Site

    from cms.models import PortalSettings

    def read() -> dict[str, str]:
        site = Site.find_for_request(request)
        if site is None:
            return {}
        settings = PortalSettings.for_site(site)
        return {name: getattr(settings, name) for name in CONTACT_FIELDS}

    try:
        host = request.get_host()
    except DisallowedHost:  # an error page for a request with a bad Host header
        return {}
    return _per_variant(CONTACTS_KEY, host, read)


def _per_variant(key: str, variant: str, read):
    variants = remembered(key, dict)
    if variant not in variants:
        variants = {**variants, variant: read()}
        cache.set(key, variants, DAY)
    return variants[variant]


def forget_menu(**_signal) -> None:
    forget(MENU_KEY)


def forget_contacts(**_signal) -> None:
    forget(CONTACTS_KEY)


def menu_pages(site):
    """Top-level pages marked "show in menus", for the main navigation."""
    if site is None:
        return []
    return list(site.root_page.get_children().live().public().in_menu().order_by("path"))
