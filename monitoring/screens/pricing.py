"""Price screens per tender (DESIGN §6): spread of the valid bids, the gap between the two lowest
(cardinal R024/R058), identical prices (R028), a single bidder (R018), a short tender period (R003)."""

from __future__ import annotations

from collections import defaultdict

from django.utils import timezone
from django.utils.translation import gettext as _

from monitoring.models import Screen
from monitoring.screens import data
from monitoring.screens.base import Finding, clamp_score
from monitoring.screens.stats import quantile_type8, tukey_fences


def price_spread(tenders: list[data.TenderStats], params: dict) -> list[Finding]:
    """Low dispersion of the valid bids of a tender (Imhof, Karagök & Rutz 2018, Swiss cartel screens).

    CV = σ / μ (population standard deviation of the valid bids over their mean);
    RD = (b₂ − b₁) / σ_losing (relative distance: the gap between the two lowest bids over the
    standard deviation of the losing bids, needs ≥ 3 valid bids).
    Flagged when n ≥ min_bids and (CV ≤ max_cv or RD ≥ min_relative_distance): cover bids cluster
    tightly, or sit in a tight cluster far above a designated winner."""
    findings = []
    for t in tenders:
        if t.valid < params["min_bids"] or not t.mean:
            continue
        cv = t.sd / t.mean
        rd = (t.b2 - t.b1) / t.losing_sd if t.losing_sd else None
        low_cv = cv <= params["max_cv"]
        far_winner = rd is not None and rd >= params["min_relative_distance"]
        if not (low_cv or far_winner):
            continue
        score = 40 + (20 if low_cv and far_winner else 0) + (20 * (1 - cv / params["max_cv"]) if low_cv else 0)
        findings.append(Finding(
            screen=Screen.PRICE_SPREAD, key=f"project:{t.code}", score=clamp_score(score),
            summary=_("The %(n)s valid bids of tender %(code)s are unusually alike (coefficient of variation "
                      "%(cv).2f%%, relative distance %(rd)s). Compare the bid files and price breakdowns first.")
            % {"n": t.valid, "code": t.code, "cv": cv * 100, "rd": "—" if rd is None else f"{rd:.2f}"},
            evidence={"valid_bids": t.valid, "cv": round(cv, 6), "relative_distance": None if rd is None else round(rd, 4),
                      "low_cv": low_cv, "far_winner": far_winner},
            project_ids=[t.project_id], department_id=t.department_id, raises_lead=params["raise_leads"],
        ))
    return findings


def bid_gap_differences(tenders: list[data.TenderStats]) -> dict[int, float]:
    """(b₂ − b₁) / b₁ per tender, cardinal's exclusions applied: at least two valid bids, an award,
    and the winner is the lowest valid bid."""
    result = {}
    for t in tenders:
        if t.valid < 2 or t.winner_id is None or t.b1 is None or not t.b1:
            continue
        if t.winner_id != t.b1_bidder_id:
            continue
        result[t.project_id] = (t.b2 - t.b1) / t.b1
    return result


def bid_gap(tenders: list[data.TenderStats], params: dict) -> list[Finding]:
    """Cardinal R024 (price close to winning bid) and R058 (heavily discounted bid).

    d = (b₂ − b₁) / b₁ for each awarded tender whose winner is the lowest valid bid. Over all such
    tenders, with type-8 quartiles: flagged low (R024) when d ≤ Q1 − k·IQR, high (R058) when
    d ≥ Q3 + k·IQR (k = fence_k, 1.5). `lower_threshold` / `upper_threshold` override the fences,
    as cardinal's `threshold` setting does. Source: cardinal-rs docs/cli/indicators/R/024.md, 058.md."""
    differences = bid_gap_differences(tenders)
    if not differences:
        return []
    fences = tukey_fences(list(differences.values()), params["fence_k"])
    lower = params["lower_threshold"] if params["lower_threshold"] is not None else fences[0]
    upper = params["upper_threshold"] if params["upper_threshold"] is not None else fences[1]
    by_id = {t.project_id: t for t in tenders}
    findings = []
    for project_id, d in differences.items():
        t = by_id[project_id]
        if d <= lower:
            rule, summary = "R024", _(
                "In tender %(code)s the second-lowest bid is only %(gap).2f%% above the winning bid (fence "
                "%(fence).2f%%): a cover bid may have been priced just above the winner. Check who prepared both bids.")
            fence, score = lower, 55
        elif d >= upper:
            rule, summary = "R058", _(
                "In tender %(code)s the winning bid is %(gap).2f%% below the next bid (fence %(fence).2f%%): "
                "check whether the winner can deliver at that price.")
            fence, score = upper, 35
        else:
            continue
        findings.append(Finding(
            screen=Screen.BID_GAP, key=f"project:{t.code}", score=score,
            summary=summary % {"code": t.code, "gap": d * 100, "fence": fence * 100},
            evidence={"rule": rule, "difference": round(d, 6), "lower_fence": round(lower, 6),
                      "upper_fence": round(upper, 6), "winning_bid": t.b1, "second_bid": t.b2},
            project_ids=[project_id], bid_ids=[t.b1_bid_id, t.b2_bid_id], entity_ids=[t.b1_bidder_id, t.b2_bidder_id],
            department_id=t.department_id, raises_lead=params["raise_leads"],
        ))
    return findings


def identical_bids(tenders: list[data.TenderStats], params: dict) -> list[Finding]:
    """Cardinal R028: different bidders of one tender submitted the same price (all bids, valid or
    not). Score grows with the number of bidders sharing a price."""
    groups = data.identical_bid_groups()
    if not groups:
        return []
    by_id = {t.project_id: t for t in tenders}
    bids = data.bids_of_projects_at([(p, amount) for p, amount, _count in groups])
    by_project = defaultdict(list)
    for bid_id, project_id, bidder_id, amount in bids:
        by_project[project_id].append((bid_id, bidder_id, amount))
    findings = []
    for project_id, rows in by_project.items():
        t = by_id[project_id]
        prices = sorted({amount for _b, _e, amount in rows})
        findings.append(Finding(
            screen=Screen.IDENTICAL_BIDS, key=f"project:{t.code}", score=clamp_score(60 + 10 * (len(rows) - 2)),
            summary=_("In tender %(code)s, %(count)s bidders submitted exactly the same price (%(prices)s yuan). "
                      "Identical prices rarely happen by chance: check whether the bids were prepared together.")
            % {"code": t.code, "count": len(rows), "prices": "、".join(f"{p:,.2f}" for p in prices)},
            evidence={"rule": "R028", "prices": prices, "bids": len(rows)},
            project_ids=[project_id], bid_ids=sorted(b for b, _e, _a in rows),
            entity_ids=sorted({e for _b, e, _a in rows}), department_id=t.department_id,
            raises_lead=params["raise_leads"],
        ))
    return findings


def single_bidder(tenders: list[data.TenderStats], params: dict) -> list[Finding]:
    """Cardinal R018: only one bid was submitted to a competitive tender."""
    findings = []
    for t in tenders:
        if t.submitted != 1:
            continue
        findings.append(Finding(
            screen=Screen.SINGLE_BIDDER, key=f"project:{t.code}", score=30,
            summary=_("Tender %(code)s received a single bid: check whether other firms were kept away.")
            % {"code": t.code},
            evidence={"rule": "R018", "bids": 1}, project_ids=[t.project_id],
            entity_ids=[e for e in [t.b1_bidder_id or t.winner_id] if e], department_id=t.department_id,
            raises_lead=params["raise_leads"],
        ))
    return findings


def short_tender_period(params: dict) -> list[Finding]:
    """Cardinal R003 as the law counts periods: the tender period is the number of calendar days
    from the announcement date to the local date of the bid deadline; flagged when it is less than
    `min_days` (招标投标法 Art. 24: at least 20 days for tendering)."""
    findings = []
    for project_id, department_id, code, announced_on, deadline in data.tender_periods():
        days = (timezone.localdate(deadline) - announced_on).days
        if days >= params["min_days"]:
            continue
        findings.append(Finding(
            screen=Screen.SHORT_TENDER_PERIOD, key=f"project:{code}", score=30,
            summary=_("Tender %(code)s allowed only %(days)s days between announcement and bid deadline "
                      "(at least %(min)s required).") % {"code": code, "days": days, "min": params["min_days"]},
            evidence={"rule": "R003", "days": days, "min_days": params["min_days"]},
            project_ids=[project_id], department_id=department_id, raises_lead=params["raise_leads"],
        ))
    return findings


__all__ = ["bid_gap", "bid_gap_differences", "identical_bids", "price_spread", "quantile_type8", "short_tender_period",
           "single_bidder"]
