"""Reads for the public disclosure pages, feeds and exports. Visibility rules live here: the public
only ever sees published disclosures inside their publication window."""

import datetime as dt
import operator
from dataclasses import dataclass
from functools import reduce

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.fields import ArrayField
from django.db import connections
from django.db.models import BigIntegerField, F, Func, Q, QuerySet, TextField, Value
from django.db.models.functions import Cast, Coalesce

from publicity.models import Disclosure, SearchSynonym
from publicity.search_index import SEPARATOR, term_token

MAX_SEARCH_TERMS = 5
SEARCH_TOKENS_INDEX = "publicity_disclosure_search_tokens"  # migration 0003
COMMON_TOKEN_SHARE = 0.05
TOKEN_SET = "token_set"  # noqa: S105 - the name of an SQL alias, not a secret
# Exactly the expression of the token GIN index (migration 0003), so the planner can use it.
_TOKEN_SET = Func(F("search_tokens"), Value(SEPARATOR), function="string_to_array",
                  output_field=ArrayField(TextField()))


@dataclass(frozen=True)
class DisclosureFilters:
    kind: str = ""
    department_id: int | None = None
    entity: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    query: str = ""


def search_terms(query: str) -> list[str]:
    """Whitespace separates terms; every term must appear (AND). Chinese needs no word splitting:
    each term is matched as a substring."""
    return [term for term in (query or "").split() if term][:MAX_SEARCH_TERMS]


def synonyms_of(terms: list[str]) -> dict[str, list[str]]:
    """Each term with the words the office listed as meaning the same (SearchSynonym), the term first."""
    folded = {term.casefold(): term for term in terms}
    expanded = {term: [term] for term in terms}
    if not terms:
        return expanded
    for group in SearchSynonym.objects.filter(is_active=True).only("words"):
        words = group.word_list()
        for word in words:
            term = folded.get(word.casefold())
            if term is not None:
                expanded[term] += [w for w in words if w.casefold() != term.casefold() and w not in expanded[term]]
    return expanded


def search(queryset: QuerySet, query: str) -> QuerySet:
    """Every term must appear as a substring, or one of its synonyms: a term becomes an OR of
    indexed conditions, one per word. On PostgreSQL, words of 3+ characters are matched with
    icontains, served by the trigram GIN index on UPPER(search_text) (migration 0002); shorter ones
    by holding their token (migration 0003, publicity.search_index), which is exactly containing
    them, so the OR is a BitmapOr of index scans; on SQLite every word is a LIKE scan."""
    terms = search_terms(query)
    common = _common_tokens(queryset.db) if connections[queryset.db].vendor == "postgresql" and terms else None
    for words in synonyms_of(terms).values():
        tokens = {word: _served_token(word, common) for word in words}
        if any(tokens.values()) and TOKEN_SET not in queryset.query.annotations:
            queryset = queryset.alias(**{TOKEN_SET: _TOKEN_SET})
        # The LIKEs first: a row the trigram index hands over for a recheck is settled by its own
        # LIKE before its token set is unpacked (which costs more than the LIKE).
        likes = [Q(search_text__icontains=word) for word, token in tokens.items() if token is None]
        holds = [Q(**{f"{TOKEN_SET}__contains": [token]}) for token in tokens.values() if token is not None]
        queryset = queryset.filter(reduce(operator.or_, likes + holds))
    return queryset


def _served_token(word: str, common: frozenset[str] | None) -> str | None:
    """The token that finds `word` in the token index, or None when a LIKE must: on SQLite, for
    3+ characters, and for tokens so common that a scan is the better plan. A row's token set holds
    exactly its folded characters and pairs (folded as UPPER() folds the characters term_token
    accepts), so holding the token is containing the word: no LIKE beside it, which would unpack
    every matching row's token set once more."""
    token = term_token(word) if common is not None else None
    return token if token is not None and token not in common else None


def _common_tokens(using: str) -> frozenset[str]:
    """Tokens held by at least COMMON_TOKEN_SHARE of the disclosures, from the statistics ANALYZE
    keeps for the token index. For those a table scan with LIKE alone is the best plan, and the token
    condition would only cost time (string_to_array on every matching row)."""
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats WHERE tablename = %s",
            [SEARCH_TOKENS_INDEX],
        )
        row = cursor.fetchone()
    if row is None or row[0] is None:
        return frozenset()
    return frozenset(token for token, share in zip(row[0], row[1], strict=False) if share >= COMMON_TOKEN_SHARE)


def public_disclosures(filters: DisclosureFilters | None = None, *, on: dt.date | None = None) -> QuerySet:
    filters = filters or DisclosureFilters()
    queryset = Disclosure.objects.public(on).select_related("department")
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.department_id:
        queryset = queryset.filter(department_id=filters.department_id)
    if filters.entity:
        entity = filters.entity.strip()
        queryset = queryset.filter(Q(entity_name__icontains=entity) | Q(entity_code=entity.upper()))
    if filters.date_from:
        queryset = queryset.filter(publish_from__gte=filters.date_from)
    if filters.date_to:
        queryset = queryset.filter(publish_from__lte=filters.date_to)
    queryset = search(queryset, filters.query)
    if TOKEN_SET in queryset.query.annotations:
        # Newest first, but not along the publication-date index: walking it and checking every
        # row's tokens until a page is full can take seconds for a rare word the planner thought
        # common; the token index finds the few matches directly (docs/PERFORMANCE.md).
        return queryset.order_by(Coalesce("publish_from", Value(dt.date.min)).desc(), "-id")
    return queryset.order_by("-publish_from", "-id")


def public_disclosure(pk: int, *, on: dt.date | None = None) -> Disclosure | None:
    return (Disclosure.objects.public(on).select_related("department", "project").filter(pk=pk).first())


def latest_public_disclosures(limit: int = 6) -> list[Disclosure]:
    return list(public_disclosures()[:limit])


def complaint_decisions_to_publish(user) -> QuerySet:
    """Decided complaints this user can see whose decision is not published yet, oldest first."""
    from cases.models import Kind
    from cases.selectors import visible_cases
    from publicity.services.complaints import PUBLISHABLE_STATES

    published = Disclosure.objects.filter(
        source_content_type=ContentType.objects.get_by_natural_key("cases", "case"),
        kind=Disclosure.Kind.COMPLAINT_DECISION,
    ).annotate(case_pk=Cast("source_object_id", BigIntegerField())).values("case_pk")
    return (visible_cases(user).filter(kind=Kind.COMPLAINT, state__in=PUBLISHABLE_STATES)
            .exclude(outcome="").exclude(decision_text="")
            .exclude(pk__in=published)
            .select_related("department", "project", "respondent").order_by("decided_at", "pk"))
