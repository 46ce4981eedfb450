"""Known answers for the win-rate screens (z-score, R025), related bidders and co-bidding rings."""

import math

import pytest

from directory.models import EntityRelation
from monitoring.screens import DEFAULTS, cobidding, data, related, winrate
from monitoring.screens.data import BidderStats
from tests.factories.directory import EntityRelationFactory, MarketEntityFactory
from tests.factories.monitoring import tender

pytestmark = pytest.mark.django_db


def params(screen, **overrides):
    return {**DEFAULTS[screen], **overrides}


def test_expected_wins_and_z_score_by_hand():
    king, other = MarketEntityFactory(), MarketEntityFactory()
    third = MarketEntityFactory()
    tender([100, 101], bidders=[king, other])             # n = 2: 1/2
    tender([100, 101, 102, 103], bidders=[king, other, third, MarketEntityFactory()])  # n = 4: 1/4
    tender([100, 101], bidders=[king, third], awarded=False)  # not awarded: not counted
    stats = {s.bidder_id: s for s in data.bidder_stats()}[king.pk]
    assert (stats.bids, stats.wins) == (2, 2)
    assert stats.expected == pytest.approx(0.75)
    assert stats.variance == pytest.approx(0.25 + 0.1875)
    assert winrate.z_score(stats) == pytest.approx((2 - 0.75) / math.sqrt(0.4375))


def test_z_score_is_undefined_when_every_tender_had_one_bid():
    assert winrate.z_score(BidderStats(1, 3, 3, 3.0, 0.0)) is None


def _rotated_market(cover_margin):
    """A firm that bids in 12 tenders against 3 others and always wins, its runner-up priced
    `cover_margin` above; 12 other tenders among the others."""
    king = MarketEntityFactory()
    others = [MarketEntityFactory() for _ in range(5)]
    for index in range(12):
        rivals = [others[(index + k) % 5] for k in range(3)]
        tender([100, 100 * (1 + cover_margin), 115, 120], bidders=[king, *rivals])
    return king, others


def test_bid_king_needs_cartel_signs_not_just_many_wins():
    close_king, _ = _rotated_market(0.01)
    findings = winrate.bid_king(data.bidder_stats(), params("bid_king"))
    assert [f.entity_ids[0] for f in findings] == [close_king.pk]
    assert findings[0].evidence["wins"] == 12 and findings[0].evidence["close_win_share"] == 1.0


def test_honest_cheap_winner_is_not_a_bid_king():
    _rotated_market(0.10)  # wins every time, but by 10%, against varied runner-ups
    assert winrate.bid_king(data.bidder_stats(), params("bid_king")) == []


def test_cover_bidder_prices_just_above_the_winner():
    cover = MarketEntityFactory()
    for _ in range(12):
        tender([100, 101, 110], bidders=[MarketEntityFactory(), cover, MarketEntityFactory()])
    expensive = MarketEntityFactory()
    for _ in range(12):
        tender([100, 104, 130], bidders=[MarketEntityFactory(), MarketEntityFactory(), expensive])
    findings = winrate.cover_bidder(data.bidder_stats(), params("cover_bidder", z_threshold=2.0))
    assert [f.entity_ids[0] for f in findings] == [cover.pk]


def test_r025_documented_worked_example():
    # R025.md: top tenderer with 150 bids (Q3 of bids 100), ratio 15/150 = 0.1 ≤ lower fence 0.125.
    bidders = [BidderStats(1, 150, 15, 0, 0)] + [BidderStats(i, 100, 75, 0, 0) for i in range(2, 6)] + [
        BidderStats(i, 20, 10, 0, 0) for i in range(6, 10)]
    assert winrate.r025_flags(bidders, params("unsuccessful_bids", threshold=0.125)) == {1: 0.1}
    # Fences from the data: ratios 0.1, 0.75×4, 0.5×4 → Q1 = 0.5, Q3 = 0.75, lower fence 0.125.
    assert winrate.r025_flags(bidders, params("unsuccessful_bids")) == {1: 0.1}
    assert winrate.r025_flags([], params("unsuccessful_bids")) == {}


def test_related_bidders_share_a_canonical_phone_a_person_across_roles_and_a_file_hash():
    a, b, c, d = (MarketEntityFactory() for _ in range(4))
    EntityRelationFactory(entity=a, kind=EntityRelation.Kind.PHONE, value="+86 138-0000-1111")
    EntityRelationFactory(entity=b, kind=EntityRelation.Kind.PHONE, value="13800001111")
    EntityRelationFactory(entity=c, kind=EntityRelation.Kind.LEGAL_REPRESENTATIVE, value="李 四")
    EntityRelationFactory(entity=d, kind=EntityRelation.Kind.SHAREHOLDER, value="李四")
    proj, bids = tender([100, 101, 102, 103], bidders=[a, b, c, d], code="REL")
    tender([100, 101], bidders=[a, MarketEntityFactory()], code="ALONE")  # a without its relative
    stats = data.tender_stats()
    (finding,) = related.related_bidders(stats, params("related_bidders"))
    assert finding.key == "project:REL"
    assert finding.evidence["kinds"] == ["person", "phone"]
    bids[0].file_metadata_hash = bids[3].file_metadata_hash = "f" * 64
    bids[0].save()
    bids[3].save()
    (finding,) = related.related_bidders(stats, params("related_bidders"))
    assert finding.evidence["kinds"] == ["file_hash", "person", "phone"]


def test_co_bidding_ring_rotates_wins_and_honest_wide_bidders_are_left_alone():
    ring = [MarketEntityFactory() for _ in range(4)]
    honest = [MarketEntityFactory() for _ in range(12)]
    for index in range(12):
        order = ring[index % 4:] + ring[:index % 4]  # a different member wins each time
        tender([100, 101, 102, 103], bidders=order)
        tender([100, 105, 111], bidders=[honest[(index + k * 5) % 12] for k in range(3)])
    (finding,) = cobidding.co_bidding_ring(data.tender_stats(), params("co_bidding_ring"))
    assert set(finding.entity_ids) == {m.pk for m in ring}
    assert finding.evidence["winning_members"] == 4 and finding.evidence["group_win_share"] == 1.0


def test_no_ring_without_co_bidding():
    assert cobidding.co_bidding_ring(data.tender_stats(), params("co_bidding_ring")) == []


def test_ring_evidence_is_the_same_on_a_second_run():
    ring = [MarketEntityFactory() for _ in range(4)]
    for index in range(8):
        tender([100, 101, 102, 103], bidders=ring[index % 4:] + ring[:index % 4])
    first = cobidding.co_bidding_ring(data.tender_stats(), params("co_bidding_ring"))
    second = cobidding.co_bidding_ring(data.tender_stats(), params("co_bidding_ring"))
    assert [f.evidence for f in first] == [f.evidence for f in second] and first
