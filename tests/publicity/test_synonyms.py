"""The disclosure search understands the words people use (围标, 串标 for 串通投标), from a list the
office keeps in the back office, and stays index-backed on PostgreSQL."""

import pytest
from django.db import connection
from django.urls import reverse

from directory.roles import EDITOR
from publicity import search_index
from publicity.models import Disclosure, SearchSynonym
from publicity.selectors import DisclosureFilters, public_disclosures, search
from tests.conftest import requires_postgres
from tests.factories.directory import UserFactory
from tests.factories.publicity import DisclosureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def decisions():
    return {
        "collusion": DisclosureFactory(title="关于城东污水处理厂项目投诉的处理决定",
                                       body="经查，投标人甲与投标人乙相互串通投标，投诉成立。"),
        "unrelated": DisclosureFactory(title="关于城西道路工程投诉的处理决定", body="经查，投诉事项不成立，驳回投诉。"),
    }


def found(query):
    return {d.title for d in public_disclosures(DisclosureFilters(query=query))}


def test_the_defaults_let_everyday_words_find_collusion_decisions(decisions):
    collusion = decisions["collusion"].title
    assert found("围标") == {collusion}
    assert found("串标") == {collusion}
    assert found("串通投标") == {collusion}
    assert found("围标 污水处理") == {collusion}  # every term still has to match
    assert found("围标 城西") == set()


def test_the_public_search_page_finds_it(client, decisions):
    page = client.get(reverse("publicity:list"), {"q": "围标"}).content.decode()
    assert decisions["collusion"].title in page and decisions["unrelated"].title not in page


def test_the_office_maintains_the_list_in_the_back_office(client, roles, decisions):
    assert found("驳回") == {decisions["unrelated"].title}
    assert found("不予支持") == set()
    editor = UserFactory(username="site_editor", roles=[EDITOR])
    client.force_login(editor)
    index = client.get(reverse("wagtailsnippets_publicity_searchsynonym:list"))
    assert index.status_code == 200 and "围标" in index.content.decode()
    response = client.post(reverse("wagtailsnippets_publicity_searchsynonym:add"),
                           {"words": "驳回，不予支持", "note": "", "is_active": "on"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert found("不予支持") == {decisions["unrelated"].title}
    group = SearchSynonym.objects.get(words="驳回，不予支持")
    group.is_active = False
    group.save()
    assert found("不予支持") == set()


def test_a_group_needs_two_words(client, roles):
    client.force_login(UserFactory(username="site_editor", roles=[EDITOR]))
    response = client.post(reverse("wagtailsnippets_publicity_searchsynonym:add"), {"words": "围标", "is_active": "on"})
    assert response.status_code == 200
    assert "至少填写两个" in response.content.decode()


def test_complainants_and_other_staff_cannot_change_the_list(client, roles):
    client.force_login(UserFactory(username="member_of_public"))
    response = client.get(reverse("wagtailsnippets_publicity_searchsynonym:add"))
    assert response.status_code in (302, 403)
    assert SearchSynonym.objects.filter(words__contains="围标").exists()


@requires_postgres()
def test_postgres_serves_the_expanded_search_from_the_indexes():
    filler = "经调查该项目招标代理机构在开标评标过程中存在程序瑕疵已责令整改并加强监督管理"
    rows = []
    for n in range(3000):
        text = f"关于第{n}号项目的处理决定\n{filler}{'相互串通投标' if n % 600 == 0 else ''}"
        rows.append(Disclosure(kind=Disclosure.Kind.COMPLAINT_DECISION, title=text.split()[0], body=text,
                               publish_from="2026-01-05", search_text=text,
                               search_tokens=search_index.search_tokens(text)))
    Disclosure.objects.bulk_create(rows, batch_size=1000)
    with connection.cursor() as cursor:
        cursor.execute("SELECT gin_clean_pending_list('publicity_disclosure_search_tokens'::regclass)")
        cursor.execute("ANALYZE publicity_disclosure")
        queryset = search(Disclosure.objects.all(), "围标")
        sql, params = queryset.query.sql_with_params()
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    # Each word of the group is an indexed condition: the OR needs no table scan.
    assert "Seq Scan" not in plan, plan
    assert "publicity_disclosure_search_trgm" in plan and "publicity_disclosure_search_tokens" in plan, plan
    assert queryset.count() == 5
