"""How search engines find the public site: robots.txt and the sitemap (Wagtail pages plus the
apps' public pages). Nothing behind a login or tied to one case is listed or crawlable."""

from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps import Sitemap as WagtailPagesSitemap

from portal.cache_headers import language_neutral

# Paths no crawler needs: the back office, the filer's own case pages and accounts, the files.
PRIVATE_PATHS = ("/admin/", "/django-admin/", "/cases/case/", "/cases/my/", "/cases/account/",
                 "/cases/receipt/", "/documents/", "/captcha/", "/i18n/", "/healthz")


class PublicEntryPointsSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        # The disclosure list is the Wagtail page /disclosures/, listed with the pages.
        return ["cases:start", "cases:track", "inspections:index"]

    def location(self, item):
        return reverse(item)


def _gather_sitemaps() -> dict:
    """The portal's own sitemaps plus each app's `<app>/sitemaps.py` SITEMAPS, found by pattern
    (like the beat schedules and roles), so the portal names no higher app."""
    sitemaps = {"pages": WagtailPagesSitemap, "portal": PublicEntryPointsSitemap}
    for label in settings.PROJECT_APPS:
        if find_spec(f"{label}.sitemaps") is not None:
            sitemaps.update(import_module(f"{label}.sitemaps").SITEMAPS)
    return sitemaps


SITEMAPS = _gather_sitemaps()


@require_GET
@language_neutral
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in PRIVATE_PATHS),
             f"Sitemap: {request.build_absolute_uri(reverse('sitemap_index'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
