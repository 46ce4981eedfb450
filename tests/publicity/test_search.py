"""Chinese substring search: works on SQLite, index-backed on PostgreSQL."""

import pytest
from django.db import connection
from django.utils import timezone

from directory.models import Department
from publicity import search_index
from publicity.models import Disclosure, SearchSynonym
from publicity.selectors import DisclosureFilters, public_disclosures, search, search_terms
from publicity.services import publish_disclosure
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
    DisclosureFactory(title="投诉处理决定", body="投诉人张伟（电话13812345678）反映的问题不属实。", personal_values=["张伟"])
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


# --- Short terms (1-2 characters) use the token index on PostgreSQL; results stay exact. ---

SHORT_AND_MIXED_TERMS = [
    "罚", "标", "款", "串", "X",                       # one character
    "围标", "串标", "罚款", "警告", "款罚", "标围", "9a", "13",  # two (款罚, 标围: both characters present, never adjacent)
    "罚款二", "围标串标", "91330100", "330100MA2", "ma2b", "ABC智慧",  # three or more, with Latin letters and digits
    "围标 罚款", "警告 91330100", "罚 款",            # several terms: all must appear
]


@pytest.fixture
def short_term_corpus(corpus):
    # Exact substring semantics; the office's synonyms are tested in test_synonyms.py.
    SearchSynonym.objects.all().delete()
    DisclosureFactory(kind=Disclosure.Kind.PENALTY, severity=Disclosure.Severity.ORDINARY, title="关于某公司串标的处罚决定",
                      body="处以罚款二万元，并给予警告。", entity=MarketEntityFactory(name="杭州联创科技有限公司",
                                                                                     code="91330100MA2B3C4D5X"))
    DisclosureFactory(title="警告：ABC智慧平台采购项目", body="标的物为服务器9A型；罚没款项上缴国库。")
    return corpus


@pytest.mark.parametrize("query", SHORT_AND_MIXED_TERMS)
def test_short_and_mixed_terms_return_exactly_the_substring_matches(short_term_corpus, query):
    everything = list(Disclosure.objects.all())
    expected = {d.title for d in everything
                if all(term.upper() in d.search_text.upper() for term in search_terms(query))}
    assert titles(DisclosureFilters(query=query)) == expected


def test_short_terms_find_the_expected_records(short_term_corpus):
    rigging, penalty = short_term_corpus["rigging"].title, "关于某公司串标的处罚决定"
    assert titles(DisclosureFilters(query="串标")) == {rigging, penalty}
    assert titles(DisclosureFilters(query="罚款")) == {penalty}
    assert titles(DisclosureFilters(query="警告")) == {penalty, "警告：ABC智慧平台采购项目"}
    assert titles(DisclosureFilters(query="款罚")) == set()
    assert titles(DisclosureFilters(query="9a")) == {"警告：ABC智慧平台采购项目"}
    assert titles(DisclosureFilters(query="ma2b 警告")) == {penalty}


def test_search_tokens_hold_every_character_and_adjacent_pair():
    tokens = search_index.search_tokens("围标 ab\n罚")
    assert tokens.split(search_index.SEPARATOR) == sorted(["围", "标", "围标", "A", "B", "AB", "罚"])


@pytest.mark.parametrize(("term", "token"), [
    ("围标", "围标"), ("罚", "罚"), ("ab", "AB"), ("9a", "9A"),
    ("围标串", None),    # three characters: the trigram index serves it
    ("é", None),        # a cased non-ASCII letter: left to icontains alone
    ("", None),
])
def test_term_token(term, token):
    assert search_index.term_token(term) == token


def test_publishing_again_refreshes_the_tokens():
    case = MarketEntityFactory()
    first = publish_disclosure(kind=Disclosure.Kind.COMPLAINT_DECISION, title="投诉处理决定", body="驳回投诉。",
                               source=case)
    assert "罚款" not in first.search_tokens.split()
    publish_disclosure(kind=Disclosure.Kind.COMPLAINT_DECISION, title="投诉处理决定", body="责令改正并处罚款。",
                       source=case)
    assert titles(DisclosureFilters(query="罚款")) == {"投诉处理决定"}
    assert "罚款" in Disclosure.objects.get(pk=first.pk).search_tokens.split()


def _seed_search_volume(count):
    """Bulk rows with realistic filler text; '围标' occurs in every 500th row only."""
    filler = "经调查该项目招标代理机构在开标评标过程中存在程序瑕疵已责令整改并加强监督管理"
    today = timezone.localdate()
    rows = []
    for n in range(count):
        start = (n * 7) % (len(filler) - 20)
        text = f"关于第{n}号项目的处理决定\n{filler[start:start + 20]}{'存在围标行为' if n % 500 == 0 else ''}"
        rows.append(Disclosure(kind=Disclosure.Kind.COMPLAINT_DECISION, title=text.split()[0], body=text,
                               publish_from=today, search_text=text,
                               search_tokens=search_index.search_tokens(text)))
    Disclosure.objects.bulk_create(rows, batch_size=1000)


@requires_postgres()
def test_postgres_serves_two_character_terms_from_the_token_index():
    """With a few thousand rows, the GIN pending list merged and fresh statistics, the planner picks
    the token index for a selective 2-character term by itself (no enable_seqscan tweak). A token most
    rows hold is left to LIKE alone, since a table scan is the best plan for it anyway. (One term
    alone: the synonyms' OR is checked in test_synonyms.py.)"""
    SearchSynonym.objects.all().delete()
    _seed_search_volume(4000)
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'publicity_disclosure_search_tokens'")
        (indexdef,) = cursor.fetchone()
        assert "gin" in indexdef and "string_to_array(search_tokens" in indexdef
        # What autovacuum does after a bulk load: merge the GIN pending list and refresh statistics.
        cursor.execute("SELECT gin_clean_pending_list('publicity_disclosure_search_tokens'::regclass)")
        cursor.execute("ANALYZE publicity_disclosure")
        queryset = search(Disclosure.objects.all(), "围标")
        sql, params = queryset.query.sql_with_params()
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "publicity_disclosure_search_tokens" in plan, plan
    assert queryset.count() == 8
    # 处理 is in every row: the statistics mark it common, so LIKE alone decides (no wasted token check).
    common = search(Disclosure.objects.all(), "处理")
    assert "string_to_array" not in str(common.query)
    assert "string_to_array" in str(search(Disclosure.objects.all(), "处理 围标").query)
    assert common.count() == 4000


@requires_postgres()
def test_a_rare_short_word_is_found_from_the_token_index_for_a_short_list_too():
    """The public list asks for the first 1,001 keys only: even then a rare 2-character word is found
    from the token index, not by walking the publication-date index and checking every row's tokens
    (seconds at a million rows when the planner misjudges the word as common)."""
    SearchSynonym.objects.all().delete()
    _seed_search_volume(4000)
    with connection.cursor() as cursor:
        cursor.execute("SELECT gin_clean_pending_list('publicity_disclosure_search_tokens'::regclass)")
        cursor.execute("ANALYZE publicity_disclosure")
        keys = public_disclosures(DisclosureFilters(query="围标")).values_list("pk", flat=True)[:21]
        sql, params = keys.query.sql_with_params()
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "publicity_disclosure_search_tokens" in plan and "disclosure_public_idx" not in plan, plan
    newest_first = list(Disclosure.objects.filter(search_text__contains="围标").order_by("-publish_from", "-id"))
    assert list(keys) == [row.pk for row in newest_first][:21]
