"""RSS 2.0 and Atom feeds of newly published disclosures; `?kind=penalty` narrows to one kind."""

import datetime as dt

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from publicity.models import Disclosure
from publicity.selectors import DisclosureFilters, public_disclosures

FEED_SIZE = 50


class DisclosureFeed(Feed):
    title = _("Disclosures · Public Resource Trading Supervision Portal")
    description = _("Complaint decisions, inspection results, penalties and credit records as they are published.")

    def get_object(self, request):
        kind = request.GET.get("kind", "")
        return kind if kind in Disclosure.Kind.values else ""

    def link(self, kind):
        return reverse("publicity:list") + (f"?kind={kind}" if kind else "")

    def items(self, kind):
        return public_disclosures(DisclosureFilters(kind=kind))[:FEED_SIZE]

    def item_title(self, item):
        return f"[{item.get_kind_display()}] {item.title}"

    def item_description(self, item):
        return Truncator(item.body).chars(300)

    def item_pubdate(self, item):
        return timezone.make_aware(dt.datetime.combine(item.publish_from, dt.time(9, 0)))

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.get_kind_display()]


class DisclosureAtomFeed(DisclosureFeed):
    feed_type = Atom1Feed
    subtitle = DisclosureFeed.description
