"""The public list's paginator: one ordered pass over the keys gives the capped count and the page;
the page's rows come back in the list's order."""

import pytest

from portal.paginator import KeysFirstPaginator
from publicity.models import Disclosure
from tests.factories.publicity import DisclosureFactory
from tests.query_budget import statements

pytestmark = pytest.mark.django_db


def test_pages_follow_the_list_order_and_the_count_stops_at_the_cap(monkeypatch):
    for number in range(7):
        DisclosureFactory(title=f"第{number}号")
    ordered = Disclosure.objects.order_by("-title")
    expected = [row.pk for row in ordered]

    paginator = KeysFirstPaginator(ordered, 3)
    with statements() as sql:
        pages = [[row.pk for row in paginator.page(number)] for number in (1, 2, 3)]
    assert pages == [expected[0:3], expected[3:6], expected[6:7]]
    assert paginator.count == 7 and not paginator.is_capped and paginator.num_pages == 3
    assert len(sql) == 4  # the keys once, then one statement per page

    monkeypatch.setattr(KeysFirstPaginator, "count_cap", 5)
    capped = KeysFirstPaginator(ordered, 3)
    assert capped.is_capped and capped.count == 5 and capped.num_pages == 2
    assert [row.pk for row in capped.page(2)] == expected[3:5]  # nothing past the cap
