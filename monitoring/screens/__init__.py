"""The screens (DESIGN §6): their documented defaults and the order they run in. Parameters the
office edits (ScreenParameter) override these defaults key by key; monitoring.services.parameters
checks every edit against them."""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import contextmanager

from django.db import connection

from monitoring.models import Screen
from monitoring.screens import cobidding, combined, data, pricing, related, winrate
from monitoring.screens.base import Finding

WIN_RATE = {"min_bids": 10, "z_threshold": 3.0, "close_margin": 0.03, "min_close_share": 0.8, "raise_leads": True}

DEFAULTS: dict[str, dict] = {
    Screen.BID_KING: {**WIN_RATE, "min_partner_share": 0.5},
    Screen.COVER_BIDDER: {**WIN_RATE, "z_threshold": 2.0},  # the close-loss sign guards honest dear firms
    Screen.UNSUCCESSFUL_BIDS: {"percentile": 75, "fence_k": 1.5, "threshold": None, "require_cartel_signs": True,
                               "close_margin": 0.03, "min_close_share": 0.8,
                               "raise_leads": True},
    Screen.CO_BIDDING_RING: {"min_together": 5, "min_jaccard": 0.7, "min_members": 3, "min_rotation_winners": 2,
                             "min_group_win_share": 0.6, "resolution": 1.0, "seed": 1, "raise_leads": True},
    Screen.RELATED_BIDDERS: {"kinds": ["person", "phone", "email", "address", "deposit_account", "file_hash", "ip"],
                             "raise_leads": True},
    Screen.PRICE_SPREAD: {"min_bids": 3, "max_cv": 0.01, "min_relative_distance": 3.0, "raise_leads": False},
    Screen.BID_GAP: {"fence_k": 1.5, "lower_threshold": None, "upper_threshold": None, "raise_leads": False},
    Screen.IDENTICAL_BIDS: {"raise_leads": True},
    Screen.SINGLE_BIDDER: {"raise_leads": False},
    Screen.SHORT_TENDER_PERIOD: {"min_days": 20, "raise_leads": False},
    Screen.COLLUSIVE_TENDER: {"threshold": 60.0, "raise_leads": True, "weights": {
        Screen.RELATED_BIDDERS.value: 0.9, Screen.IDENTICAL_BIDS.value: 0.8, Screen.CO_BIDDING_RING.value: 0.8,
        Screen.BID_KING.value: 0.5, Screen.COVER_BIDDER.value: 0.5, Screen.UNSUCCESSFUL_BIDS.value: 0.3,
        Screen.BID_GAP.value: 0.45, Screen.PRICE_SPREAD.value: 0.35, Screen.SINGLE_BIDDER.value: 0.2,
        Screen.SHORT_TENDER_PERIOD.value: 0.2}},
}

ORDER = [
    Screen.SINGLE_BIDDER, Screen.SHORT_TENDER_PERIOD, Screen.PRICE_SPREAD, Screen.BID_GAP, Screen.IDENTICAL_BIDS,
    Screen.RELATED_BIDDERS, Screen.BID_KING, Screen.COVER_BIDDER, Screen.UNSUCCESSFUL_BIDS, Screen.CO_BIDDING_RING,
    Screen.COLLUSIVE_TENDER,
]


def run_all(parameters: dict[str, dict], enabled: set[str],
            progress: Callable[[int, str], None] | None = None) -> tuple[dict[str, list[Finding]], dict[str, float]]:
    """Run every enabled screen with `parameters` (complete, defaults merged). Returns the findings
    and the seconds each screen took."""
    with _sort_memory():
        return _run_all(parameters, enabled, progress)


@contextmanager
def _sort_memory():
    """On PostgreSQL, give this session's sorts and hashes room (the run is one process at a time;
    4 MB default spills 1,000,000-bid sorts to disk), and put the default back afterwards."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET work_mem = '64MB'")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET work_mem")


def _run_all(parameters, enabled, progress):
    findings: dict[str, list[Finding]] = {}
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    tenders = data.tender_stats()
    bidders = data.bidder_stats()
    seconds["load"] = round(time.perf_counter() - started, 3)
    runners = {
        Screen.SINGLE_BIDDER: lambda p: pricing.single_bidder(tenders, p),
        Screen.SHORT_TENDER_PERIOD: lambda p: pricing.short_tender_period(p),
        Screen.PRICE_SPREAD: lambda p: pricing.price_spread(tenders, p),
        Screen.BID_GAP: lambda p: pricing.bid_gap(tenders, p),
        Screen.IDENTICAL_BIDS: lambda p: pricing.identical_bids(tenders, p),
        Screen.RELATED_BIDDERS: lambda p: related.related_bidders(tenders, p),
        Screen.BID_KING: lambda p: winrate.bid_king(bidders, p),
        Screen.COVER_BIDDER: lambda p: winrate.cover_bidder(bidders, p),
        Screen.UNSUCCESSFUL_BIDS: lambda p: winrate.unsuccessful_bids(bidders, p),
        Screen.CO_BIDDING_RING: lambda p: cobidding.co_bidding_ring(tenders, p),
        Screen.COLLUSIVE_TENDER: lambda p: combined.collusive_tender(tenders, findings, p),
    }
    for index, screen in enumerate(ORDER):
        if progress:
            progress(10 + 70 * index // len(ORDER), screen)
        if screen not in enabled:
            continue
        tick = time.perf_counter()
        findings[screen] = runners[screen](parameters[screen])
        seconds[screen] = round(time.perf_counter() - tick, 3)
    return findings, seconds
