"""How search engines find the public site: robots.txt and the sitemap (Wagtail pages plus the
apps' public pages). Nothing behind a login or tied to one case is listed or crawlable."""

from django.contrib.sitemaps import Sitemap
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps import Sitemap as WagtailPagesSitemap

from inspections import selectors as inspection_selectors
from portal.cache_headers import language_neutral
from publicity import selectors as publicity_selectors

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


class DisclosureSitemap(Sitemap):
    changefreq = "monthly"
    limit = 10_000

    def items(self):
        return publicity_selectors.public_disclosures().select_related(None).only("pk", "publish_from").order_by("pk")

    def lastmod(self, disclosure):
        return disclosure.publish_from


class DrawPlanSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return inspection_selectors.public_plans().order_by("pk")

    def location(self, plan):
        return reverse("inspections:plan", args=[plan.code])


SITEMAPS = {
    "pages": WagtailPagesSitemap,
    "portal": PublicEntryPointsSitemap,
    "disclosures": DisclosureSitemap,
    "draws": DrawPlanSitemap,
}


@require_GET
@language_neutral
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in PRIVATE_PATHS),
             f"Sitemap: {request.build_absolute_uri(reverse('sitemap_index'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
