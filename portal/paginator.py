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


class KeysFirstPaginator(CappedPaginator):
    """One pass over the matches for both the count and the page: the primary keys of the first
    cap + 1 rows in the list's order (one index or bitmap scan; a count and then a page would each
    visit every match of a rare search word), then only the page's rows, by key. The cap is lower
    than the back office's: as with web search engines, fifty pages of results is where a reader
    narrows the search instead (and a common word costs a fifth of the work)."""

    count_cap = 1000

    @cached_property
    def keys(self) -> list:
        return list(self.object_list.values_list("pk", flat=True)[: self.count_cap + 1])

    @cached_property
    def counted(self) -> int:
        return len(self.keys)

    def page(self, number):
        number = self.validate_number(number)
        start = (number - 1) * self.per_page
        keys = self.keys[start:min(start + self.per_page, self.count)]
        by_key = {row.pk: row for row in self.object_list.filter(pk__in=keys).order_by()}
        return self._get_page([by_key[key] for key in keys if key in by_key], number, self)
