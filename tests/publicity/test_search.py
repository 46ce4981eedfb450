"""Chinese substring search: works on SQLite, index-backed on PostgreSQL."""

import pytest
from django.db import connection

from directory.models import Department
from publicity.models import Disclosure
from publicity.selectors import DisclosureFilters, public_disclosures, search, search_terms
from tests.conftest import requires_postgres
from tests.factories.directory import DepartmentFactory, MarketEntityFactory
from tests.factories.publicity import DisclosureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus():
    zj = DepartmentFactory(name="市住房和城乡建设局")
    return {
        "rigging": DisclosureFactory(
            kind=Disclosure.Kind.PENALTY, title="关于浙江鼎盛建筑工程有限公司围标串标的行政处罚决定", department=zj,
            entity=MarketEntityFactory(name="浙江鼎盛建筑工程有限公司"), body="该公司与其他投标人相互串通投标报价。"),
        "expert": DisclosureFactory(
            kind=Disclosure.Kind.BAD_BEHAVIOUR, title="评标专家不良行为记录",
            body="在西湖区排水管网提升工程评标中，评标专家未按评标办法评分。"),
        "inspection": DisclosureFactory(
            kind=Disclosure.Kind.INSPECTION_RESULT, title="2026年第一季度双随机抽查结果",
            body="共抽查招标代理机构12家，发现问题3家，已责令整改。"),
    }


def titles(filters):
    return {d.title for d in public_disclosures(filters)}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("围标", {"rigging"}),            # two characters inside a title
        ("串通投标", {"rigging"}),          # inside the body
        ("鼎盛建筑", {"rigging"}),          # inside the entity's name
        ("排水管网", {"expert"}),
        ("评标", {"expert"}),               # several places in one text
        ("抽查 整改", {"inspection"}),      # two terms: both must appear
        ("双随机", {"inspection"}),
        ("行政处罚 抽查", set()),
        ("不存在的词", set()),
    ],
)
def test_chinese_substrings_find_the_right_disclosures(corpus, query, expected):
    assert titles(DisclosureFilters(query=query)) == {corpus[key].title for key in expected}


def test_search_matches_latin_letters_case_insensitively(corpus):
    DisclosureFactory(title="ABC智慧平台采购项目投诉处理决定")
    assert titles(DisclosureFilters(query="abc智慧")) == {"ABC智慧平台采购项目投诉处理决定"}


def test_redacted_personal_data_cannot_be_found(corpus):
    DisclosureFactory(title="投诉处理决定", body="投诉人张伟（电话13812345678）反映的问题不属实。", personal_names=["张伟"])
    assert titles(DisclosureFilters(query="张伟")) == set()
    assert titles(DisclosureFilters(query="13812345678")) == set()
    assert titles(DisclosureFilters(query="张某")) == {"投诉处理决定"}


def test_filters_combine_with_search(corpus):
    zj = Department.objects.get(name="市住房和城乡建设局")
    assert titles(DisclosureFilters(query="处罚", department_id=zj.pk)) == {corpus["rigging"].title}
    assert titles(DisclosureFilters(query="评标", kind=Disclosure.Kind.PENALTY)) == set()
    assert titles(DisclosureFilters(entity="鼎盛")) == {corpus["rigging"].title}
    assert titles(DisclosureFilters(entity=corpus["rigging"].entity_code.lower())) == {corpus["rigging"].title}


def test_search_terms_are_limited():
    assert search_terms("  一  二 三 四 五 六 七 ") == ["一", "二", "三", "四", "五"]


@requires_postgres()
def test_postgres_has_the_trigram_index_and_the_search_can_use_it(corpus):
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'publicity_disclosure_search_trgm'")
        (indexdef,) = cursor.fetchone()
        assert "gin" in indexdef and "gin_trgm_ops" in indexdef and "upper(search_text)" in indexdef
        queryset = search(Disclosure.objects.all(), "串通投标")
        sql, params = queryset.query.sql_with_params()
        # With three rows the planner prefers a scan; forbid it to show the index serves the query.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "publicity_disclosure_search_trgm" in plan, plan
    assert [d.title for d in queryset] == [corpus["rigging"].title]
