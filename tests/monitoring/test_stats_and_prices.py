"""Known answers for the price screens and their statistics, computed by hand, and the Open
Contracting cardinal documented examples (docs/cli/indicators/R/*.md, docs/examples/R/*.jsonl)."""

import math

import pytest

from monitoring.screens import DEFAULTS, data, pricing
from monitoring.screens.stats import quantile_type8, tukey_fences
from tests.factories.directory import BidFactory, MarketEntityFactory
from tests.factories.monitoring import short_tender, tender

pytestmark = pytest.mark.django_db


def params(screen, **overrides):
    return {**DEFAULTS[screen], **overrides}


def test_type8_quartiles_by_hand():
    # n = 5: h(Q1) = (5 + 1/3)·0.25 + 1/3 = 5/3 → x1 + 2/3·(x2 − x1).
    assert quantile_type8([1, 99, 99, 99, 99], 0.25) == pytest.approx(1 + 2 / 3 * 98)
    assert quantile_type8([1, 2, 3, 4], 0.5) == pytest.approx(2.5)
    assert quantile_type8([7], 0.25) == 7
    assert quantile_type8([], 0.25) is None
    assert tukey_fences([]) is None


def test_cardinal_r024_example_flags_the_close_second_bid():
    # docs/examples/R/024.jsonl: F has bids 1 and 2, four others 1 and 100; output {"F": R024 1.0}.
    flagged = tender([1, 2], code="F")[0]
    for code in "1234":
        tender([1, 100], code=code)
    findings = pricing.bid_gap(data.tender_stats(), params("bid_gap"))
    assert [(f.key, f.evidence["rule"], f.evidence["difference"]) for f in findings] == [
        (f"project:{flagged.code}", "R024", 1.0)]


def test_cardinal_r058_example_flags_the_heavily_discounted_bid():
    # docs/examples/R/058.jsonl: F has bids 1 and 100, four others 1 and 2; output {"F": R058 99.0}.
    tender([1, 100], code="F")
    for code in "1234":
        tender([1, 2], code=code)
    findings = pricing.bid_gap(data.tender_stats(), params("bid_gap"))
    assert [(f.key, f.evidence["rule"], f.evidence["difference"]) for f in findings] == [("project:F", "R058", 99.0)]


def test_cardinal_r024_worked_example_with_a_configured_fence():
    # R024.md: 100,000 vs 101,000 is a 1% difference, below a lower fence of 2%.
    tender([100000, 101000], code="CLOSE")
    tender([100000, 110000], code="FAR")
    findings = pricing.bid_gap(data.tender_stats(), params("bid_gap", lower_threshold=0.02, upper_threshold=0.5))
    assert [f.key for f in findings] == ["project:CLOSE"]


def test_bid_gap_excludes_single_bids_unawarded_tenders_and_winners_that_are_not_lowest():
    tender([100], code="ONE")
    tender([100, 101], code="OPEN", awarded=False)
    tender([100, 101], code="NOTLOW", winner=1)
    assert pricing.bid_gap_differences(data.tender_stats()) == {}
    assert pricing.bid_gap(data.tender_stats(), params("bid_gap")) == []


def test_price_spread_cv_and_relative_distance_by_hand():
    # Bids 100, 110, 111, 112: μ = 108.25, σ² = (68.0625 + 3.0625 + 7.5625 + 14.0625)/4 = 23.1875.
    # Losing bids 110, 111, 112: σ_l = √(2/3); RD = (110 − 100)/√(2/3) = 12.247.
    proj, _bids = tender([100, 110, 111, 112], code="RD")
    (stats,) = data.tender_stats()
    assert stats.sd / stats.mean == pytest.approx(math.sqrt(23.1875) / 108.25)
    assert stats.losing_sd == pytest.approx(math.sqrt(2 / 3))
    (finding,) = pricing.price_spread([stats], params("price_spread"))
    assert finding.evidence["relative_distance"] == pytest.approx(12.2474, abs=1e-4)
    assert finding.evidence["far_winner"] and not finding.evidence["low_cv"]


def test_price_spread_ignores_honest_spread_and_too_few_bids():
    tender([100, 108, 117, 125], code="HONEST")
    tender([100, 100.5], code="TWO")
    assert pricing.price_spread(data.tender_stats(), params("price_spread")) == []


def test_identical_bids_r028_with_a_tie_and_an_invalid_bid():
    proj, bids = tender([500, 500, 500, 510], code="TIE", valid=[True, True, False, True])
    tender([500, 510], code="NOTIE")
    (finding,) = pricing.identical_bids(data.tender_stats(), params("identical_bids"))
    assert finding.key == "project:TIE"
    assert finding.evidence == {"rule": "R028", "prices": [500.0], "bids": 3}
    assert set(finding.entity_ids) == {b.bidder_id for b in bids[:3]}


def test_single_bidder_r018_counts_submitted_bids():
    tender([100], code="SOLE")
    tender([100, 120], code="PAIR", valid=[True, False])  # one valid, but two firms bid
    findings = pricing.single_bidder(data.tender_stats(), params("single_bidder"))
    assert [f.key for f in findings] == ["project:SOLE"]


def test_short_tender_period_r003_in_calendar_days():
    short = short_tender(19, code="SHORT")
    short_tender(20, code="LEGAL")
    BidFactory(project=short, bidder=MarketEntityFactory())
    findings = pricing.short_tender_period(params("short_tender_period"))
    assert [(f.key, f.evidence["days"]) for f in findings] == [("project:SHORT", 19)]


def test_empty_market_gives_no_findings():
    assert data.tender_stats() == []
    for screen in ("price_spread", "bid_gap", "identical_bids", "single_bidder"):
        assert getattr(pricing, screen)([], params(screen)) == []
