"""A search that matches most disclosures is counted only up to a cap (issue 14): the page says
"more than N" instead of scanning every match for an exact figure."""

import pytest
from django.urls import reverse

from portal.paginator import KeysFirstPaginator
from tests.factories.publicity import DisclosureFactory

pytestmark = pytest.mark.django_db


def test_the_public_list_says_more_than_the_cap(client, monkeypatch):
    for _ in range(3):
        DisclosureFactory(body="经调查，决定处以罚款人民币五万元。")
    DisclosureFactory(body="经调查，投诉事项不属实，驳回投诉。")
    monkeypatch.setattr(KeysFirstPaginator, "count_cap", 2)

    capped = client.get(reverse("publicity:list"), {"q": "罚款"})
    assert "超过 2 条" in capped.content.decode()
    assert capped.context["page_obj"].paginator.is_capped

    exact = client.get(reverse("publicity:list"), {"q": "驳回"})
    assert "共 1 条" in exact.content.decode() and "超过" not in exact.content.decode()
