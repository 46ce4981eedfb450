"""Reads for the public disclosure pages, feeds and exports. Visibility rules live here: the public
only ever sees published disclosures inside their publication window."""

import datetime as dt
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import BigIntegerField, Q, QuerySet
from django.db.models.functions import Cast

from publicity.models import Disclosure

MAX_SEARCH_TERMS = 5


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


def search(queryset: QuerySet, query: str) -> QuerySet:
    # Plain icontains: on PostgreSQL it is served by the trigram GIN index on UPPER(search_text)
    # (publicity migration 0002); on SQLite it is a LIKE scan.
    for term in search_terms(query):
        queryset = queryset.filter(search_text__icontains=term)
    return queryset


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
    return search(queryset, filters.query).order_by("-publish_from", "-id")


def public_disclosure(pk: int, *, on: dt.date | None = None) -> Disclosure | None:
    return (Disclosure.objects.public(on).select_related("department", "project").filter(pk=pk).first())


def latest_public_disclosures(limit: int = 6) -> list[Disclosure]:
    return list(public_disclosures()[:limit])


def complaint_decisions_to_publish(user) -> QuerySet:
    """Decided complaints this user can see whose decision is not published yet, oldest first."""
    from cases.selectors import visible_cases
    from publicity.services.complaints import PUBLISHABLE_STATES

    published = Disclosure.objects.filter(
        source_content_type=ContentType.objects.get_by_natural_key("cases", "case"),
        kind=Disclosure.Kind.COMPLAINT_DECISION,
    ).annotate(case_pk=Cast("source_object_id", BigIntegerField())).values("case_pk")
    return (visible_cases(user).filter(kind="complaint", state__in=PUBLISHABLE_STATES)
            .exclude(outcome="").exclude(decision_text="")
            .exclude(pk__in=published)
            .select_related("department", "project", "respondent").order_by("decided_at", "pk"))
