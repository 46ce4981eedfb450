"""Selectors of the company profile (一企一档): one market entity's trading record, read-only,
with every other app's records read through that app's own selectors and visibility rules."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery

from cases import selectors as case_selectors
from directory.models import Award, Bid, EntityRelation, MarketEntity
from directory.models.market import relation_match_group
from inspections import selectors as inspection_selectors
from monitoring import selectors as lead_selectors
from monitoring.screens.data import BidderStats
from monitoring.screens.winrate import z_score
from publicity import selectors as disclosure_selectors
from publicity.models import Disclosure

RECENT = 50
CREDIT_KINDS = (Disclosure.Kind.BAD_BEHAVIOUR, Disclosure.Kind.RED_LIST)


@dataclass
class WinRate:
    bids: int  # valid bids in awarded tenders
    wins: int
    expected: float  # E = Σ 1/n_t
    variance: float
    z: float | None

    @property
    def rate(self) -> float | None:
        return self.wins / self.bids if self.bids else None

    @property
    def expected_rate(self) -> float | None:
        return self.expected / self.bids if self.bids else None


def search_entities(query: str) -> QuerySet[MarketEntity]:
    query = (query or "").strip()
    entities = MarketEntity.objects.select_related("department")
    if query:
        entities = entities.filter(Q(name__icontains=query) | Q(code=query.upper()))
    return entities.order_by("name")


def win_rate(entity: MarketEntity) -> WinRate:
    """Wins against the expectation of the win-rate screens (monitoring.screens.winrate): over the
    awarded tenders the entity entered with a valid bid, E = Σ 1/n_t for n_t valid bids."""
    valid_bids = (Bid.objects.filter(project=OuterRef("project_id"), is_valid=True).order_by()
                  .values("project").annotate(n=Count("pk")).values("n"))
    rows = list(Bid.objects.filter(bidder=entity, is_valid=True, project__award__isnull=False)
                .annotate(n=Subquery(valid_bids)).values_list("n", "project__award__winner_id"))
    stats = BidderStats(
        bidder_id=entity.pk, bids=len(rows), wins=sum(1 for _n, winner in rows if winner == entity.pk),
        expected=sum(1 / n for n, _w in rows), variance=sum((1 / n) * (1 - 1 / n) for n, _w in rows),
    )
    return WinRate(stats.bids, stats.wins, stats.expected, stats.variance, z_score(stats))


def recent_bids(entity: MarketEntity):
    return (Bid.objects.filter(bidder=entity).select_related("project", "project__award", "project__department")
            .annotate(bidders=Count("project__bids")).order_by("-submitted_at", "-pk")[:RECENT])


def wins(entity: MarketEntity):
    return Award.objects.filter(winner=entity).select_related("project").order_by("-awarded_on", "-pk")[:RECENT]


def co_bidders(entity: MarketEntity, limit: int = 20) -> list[dict]:
    """Firms met most often in the same tenders, with how often each of the two won those tenders."""
    shared = Bid.objects.filter(bidder=entity).values("project_id")
    return list(
        Bid.objects.filter(project_id__in=shared).exclude(bidder=entity)
        .values("bidder_id", "bidder__name", "bidder__code")
        .annotate(
            together=Count("project_id", distinct=True),
            their_wins=Count("project_id", filter=Q(project__award__winner_id=F("bidder_id")), distinct=True),
            our_wins=Count("project_id", filter=Q(project__award__winner_id=entity.pk), distinct=True),
        )
        .order_by("-together", "bidder__name")[:limit]
    )


def relations(entity: MarketEntity) -> list[dict]:
    """The entity's relations, each with the other entities sharing its canonical value (people and
    holding companies across the legal representative, manager and shareholder roles)."""
    own = list(entity.relations.order_by("kind", "value"))
    others = defaultdict(list)
    for relation in (EntityRelation.objects.filter(normalized_value__in={r.normalized_value for r in own})
                     .exclude(entity=entity).select_related("entity").order_by("entity__name")):
        others[(relation_match_group(relation.kind), relation.normalized_value)].append(relation)
    return [{"relation": r, "shared_with": others.get((relation_match_group(r.kind), r.normalized_value), [])}
            for r in own]


def leads(user, entity: MarketEntity):
    return lead_selectors.visible_leads(user).filter(entities=entity).order_by("-score", "-created_at")[:RECENT]


def cases(user, entity: MarketEntity):
    return (case_selectors.visible_cases(user).filter(respondent=entity).select_related("department")
            .order_by("-received_at")[:RECENT])


def inspections(user, entity: MarketEntity):
    if not user.has_perm("inspections.view_inspection"):
        return []
    return inspection_selectors.inspections_for(user).filter(target__entity=entity).order_by("-plan__draw_at")[:RECENT]


def disclosures(entity: MarketEntity) -> tuple[list[Disclosure], list[Disclosure]]:
    """Published disclosures naming the entity: (credit records, everything else)."""
    published = list(disclosure_selectors.public_disclosures(
        disclosure_selectors.DisclosureFilters(entity=entity.code))[:RECENT])
    return [d for d in published if d.kind in CREDIT_KINDS], [d for d in published if d.kind not in CREDIT_KINDS]
