"""Win-rate screens per bidder: bid kings 标王, cover bidders 陪标专业户 and cardinal R025.

A bidder that entered tenders with n₁, n₂, … valid bids would, bidding at random, win
E = Σ 1/n_t tenders with variance V = Σ (1/n_t)(1 − 1/n_t); z = (W − E)/√V for W actual wins.
A firm that is simply cheaper or dearer than its rivals also has an extreme z, honestly. What
distinguishes a cartel is *how* it wins or loses, so a flag needs both the z-score and a sign:
- a cover bidder prices just above the winners it loses to (close losses: within
  `close_margin` of the winning price);
- a bid king is followed, again and again, by the same runner-up (partner share) priced just above
  it (close wins).
"""

from __future__ import annotations

import math
from collections import defaultdict

from django.utils.translation import gettext as _

from monitoring.models import Screen
from monitoring.screens import data
from monitoring.screens.base import Finding, clamp_score
from monitoring.screens.stats import quantile_type8, tukey_fences


def z_score(stats: data.BidderStats) -> float | None:
    """(W − E)/√V; None when V = 0 (every tender it entered had a single valid bid)."""
    if stats.variance <= 0:
        return None
    return (stats.wins - stats.expected) / math.sqrt(stats.variance)


def _loss_profile(bidder_ids, close_margin: float) -> dict[int, dict]:
    """Per bidder: losses, share of losses to its most frequent winner, share of close losses."""
    profile = defaultdict(lambda: {"losses": 0, "close": 0, "top_winner": None, "top_losses": 0})
    for bidder, winner, losses, close in data.losses_by_winner(bidder_ids, close_margin):
        row = profile[bidder]
        row["losses"] += losses
        row["close"] += close
        if losses > row["top_losses"]:
            row["top_winner"], row["top_losses"] = winner, losses
    return profile


def _win_profile(winner_ids, close_margin: float) -> dict[int, dict]:
    """Per winner: wins, share of wins with its most frequent runner-up, share of close wins."""
    profile = defaultdict(lambda: {"wins": 0, "close": 0, "top_partner": None, "top_wins": 0})
    for winner, runner_up, wins, close in data.wins_by_runner_up(winner_ids, close_margin):
        row = profile[winner]
        row["wins"] += wins
        row["close"] += close or 0
        if runner_up is not None and wins > row["top_wins"]:
            row["top_partner"], row["top_wins"] = runner_up, wins
    return profile


def _share(part, whole) -> float:
    return part / whole if whole else 0.0


def cover_bidder(bidders: list[data.BidderStats], params: dict) -> list[Finding]:
    """Cover bidder: bids ≥ min_bids, z ≤ −z_threshold, and its losses are cartel-like: the share
    of losses priced within close_margin of the winner ≥ min_close_share. (The share lost to one
    winner is reported but not enough alone: an honest dear firm loses mostly to the cheapest
    firm of its trade.)"""
    candidates = {b.bidder_id: b for b in bidders
                  if b.bids >= params["min_bids"] and (z := z_score(b)) is not None and z <= -params["z_threshold"]}
    profile = _loss_profile(candidates, params["close_margin"])
    codes = data.entity_codes(set(candidates) | {p["top_winner"] for p in profile.values() if p["top_winner"]})
    findings = []
    for bidder_id, stats in candidates.items():
        p = profile[bidder_id]
        close_share, winner_share = _share(p["close"], p["losses"]), _share(p["top_losses"], p["losses"])
        if close_share < params["min_close_share"]:
            continue
        z = z_score(stats)
        code, name, dept = codes[bidder_id]
        winner = codes.get(p["top_winner"], ("", "", None))
        findings.append(Finding(
            screen=Screen.COVER_BIDDER, key=f"entity:{code}",
            score=clamp_score(40 + 5 * (abs(z) - params["z_threshold"]) + 30 * max(close_share, winner_share)),
            summary=_("%(name)s won %(wins)s of %(bids)s tenders where %(expected).1f were expected (z = %(z).1f); "
                      "%(close).0f%% of its losses were priced just above the winner and %(share).0f%% were lost to "
                      "%(winner)s. Look first at its bids against that winner.")
            % {"name": name, "wins": stats.wins, "bids": stats.bids, "expected": stats.expected, "z": z,
               "close": close_share * 100, "share": winner_share * 100, "winner": winner[1]},
            evidence={"bids": stats.bids, "wins": stats.wins, "expected": round(stats.expected, 3), "z": round(z, 3),
                      "close_loss_share": round(close_share, 3), "top_winner": winner[0],
                      "top_winner_share": round(winner_share, 3)},
            entity_ids=[bidder_id] + ([p["top_winner"]] if p["top_winner"] else []), department_id=dept,
            raises_lead=params["raise_leads"],
        ))
    return findings


def bid_king(bidders: list[data.BidderStats], params: dict) -> list[Finding]:
    """Bid king: bids ≥ min_bids, z ≥ z_threshold, and its wins are cartel-like: close-win share
    ≥ min_close_share or the share of wins with one runner-up ≥ min_partner_share."""
    candidates = {b.bidder_id: b for b in bidders
                  if b.bids >= params["min_bids"] and (z := z_score(b)) is not None and z >= params["z_threshold"]}
    profile = _win_profile(candidates, params["close_margin"])
    codes = data.entity_codes(set(candidates) | {p["top_partner"] for p in profile.values() if p["top_partner"]})
    findings = []
    for bidder_id, stats in candidates.items():
        p = profile[bidder_id]
        close_share, partner_share = _share(p["close"], p["wins"]), _share(p["top_wins"], p["wins"])
        if close_share < params["min_close_share"] and partner_share < params["min_partner_share"]:
            continue
        z = z_score(stats)
        code, name, dept = codes[bidder_id]
        partner = codes.get(p["top_partner"], ("", "", None))
        findings.append(Finding(
            screen=Screen.BID_KING, key=f"entity:{code}",
            score=clamp_score(40 + 5 * (z - params["z_threshold"]) + 30 * max(close_share, partner_share)),
            summary=_("%(name)s won %(wins)s of %(bids)s tenders where %(expected).1f were expected (z = %(z).1f); "
                      "in %(close).0f%% of its wins the runner-up priced just above it, and %(partner)s was the "
                      "runner-up %(share).0f%% of the time. Look first at the runner-ups' bids.")
            % {"name": name, "wins": stats.wins, "bids": stats.bids, "expected": stats.expected, "z": z,
               "close": close_share * 100, "partner": partner[1], "share": partner_share * 100},
            evidence={"bids": stats.bids, "wins": stats.wins, "expected": round(stats.expected, 3), "z": round(z, 3),
                      "close_win_share": round(close_share, 3), "top_runner_up": partner[0],
                      "top_runner_up_share": round(partner_share, 3)},
            entity_ids=[bidder_id] + ([p["top_partner"]] if p["top_partner"] else []), department_id=dept,
            raises_lead=params["raise_leads"],
        ))
    return findings


def r025_flags(bidders: list[data.BidderStats], params: dict) -> dict[int, float]:
    """Cardinal R025 (excessive unsuccessful bids), exactly as documented: ratio = wins / valid bids;
    a bidder is flagged when its number of valid bids ≥ the `percentile` (75) type-8 quantile of
    all bidders' numbers and its ratio ≤ Q1 − k·IQR of all ratios (or ≤ `threshold` if set).
    Source: cardinal-rs docs/cli/indicators/R/025.md. Returns {bidder id: ratio}."""
    if not bidders:
        return {}
    counts = [b.bids for b in bidders]
    ratios = {b.bidder_id: b.wins / b.bids for b in bidders if b.bids}
    top = quantile_type8(counts, params["percentile"] / 100)
    lower = params["threshold"] if params["threshold"] is not None else tukey_fences(list(ratios.values()),
                                                                                     params["fence_k"])[0]
    return {b.bidder_id: ratios[b.bidder_id] for b in bidders if b.bids >= top and ratios[b.bidder_id] <= lower}


def unsuccessful_bids(bidders: list[data.BidderStats], params: dict) -> list[Finding]:
    """R025 flags; with `require_cartel_signs` (default) only those whose losses also look like
    cover bids (the cover-bidder signs above), so honest expensive firms are left alone."""
    flagged = r025_flags(bidders, params)
    profile = _loss_profile(flagged, params["close_margin"]) if flagged else {}
    by_id = {b.bidder_id: b for b in bidders}
    codes = data.entity_codes(flagged)
    findings = []
    for bidder_id, ratio in flagged.items():
        p = profile.get(bidder_id, {"losses": 0, "close": 0, "top_losses": 0})
        close_share, winner_share = _share(p["close"], p["losses"]), _share(p["top_losses"], p["losses"])
        if params["require_cartel_signs"] and close_share < params["min_close_share"]:
            continue
        stats = by_id[bidder_id]
        code, name, dept = codes[bidder_id]
        findings.append(Finding(
            screen=Screen.UNSUCCESSFUL_BIDS, key=f"entity:{code}", score=clamp_score(45 + 30 * close_share),
            summary=_("%(name)s is among the most active bidders (%(bids)s bids) but won only %(ratio).1f%% of them "
                      "(R025); %(close).0f%% of its losses were priced just above the winner.")
            % {"name": name, "bids": stats.bids, "ratio": ratio * 100, "close": close_share * 100},
            evidence={"rule": "R025", "bids": stats.bids, "wins": stats.wins, "ratio": round(ratio, 6),
                      "close_loss_share": round(close_share, 3), "top_winner_share": round(winner_share, 3)},
            entity_ids=[bidder_id], department_id=dept, raises_lead=params["raise_leads"],
        ))
    return findings
