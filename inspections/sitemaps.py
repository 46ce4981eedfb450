"""The published draws in the sitemap (gathered by portal.discovery)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from inspections import selectors


class DrawPlanSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return selectors.public_plans().order_by("pk")

    def location(self, plan):
        return reverse("inspections:plan", args=[plan.code])


SITEMAPS = {"draws": DrawPlanSitemap}
