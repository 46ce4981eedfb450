"""The public disclosures in the sitemap (gathered by portal.discovery)."""

from django.contrib.sitemaps import Sitemap

from publicity import selectors


class DisclosureSitemap(Sitemap):
    changefreq = "monthly"
    limit = 10_000

    def items(self):
        return selectors.public_disclosures().select_related(None).only("pk", "publish_from").order_by("pk")

    def lastmod(self, disclosure):
        return disclosure.publish_from


SITEMAPS = {"disclosures": DisclosureSitemap}
