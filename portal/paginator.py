"""Paginators that count exactly only up to a cap.

At a city's scale a list can hold hundreds of thousands of rows (a work list, the disclosures
holding a common word); an exact COUNT(*) over them costs more than the page itself. The count
runs over a LIMITed subquery (cap + 1 rows); beyond the cap the list says "more than N" and its
pages stop at the cap (narrow the list with a filter)."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from wagtail.admin.paginator import WagtailPaginator

COUNT_CAP = 5000


class CappedCountMixin:
    count_cap = COUNT_CAP

    @cached_property
    def counted(self) -> int:
        objects = self.object_list
        if hasattr(objects, "query"):  # a queryset: SELECT COUNT(*) FROM (SELECT … LIMIT cap + 1)
            return objects[: self.count_cap + 1].count()
        return len(objects)

    @cached_property
    def is_capped(self) -> bool:
        return self.counted > self.count_cap

    @cached_property
    def count(self) -> int:
        return min(self.counted, self.count_cap)


class CappedPaginator(CappedCountMixin, Paginator):
    """For public lists; templates show `paginator.is_capped` as "more than {count_cap}"."""


class CappedCountPaginator(CappedCountMixin, WagtailPaginator):
    """For back-office listings (Wagtail's listing UI)."""

    @cached_property
    def items_count_label(self):
        if not self.is_capped:
            return super().items_count_label
        return _("More than %(count)s %(items)s") % {"count": f"{self.count_cap:,}", "items": self.verbose_name_plural}
