"""The tender-level "collusive tender" score that combines the other screens."""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext as _

from monitoring.models import Screen
from monitoring.screens import data
from monitoring.screens.base import Finding, clamp_score


def tender_signals(tenders: list[data.TenderStats], findings: dict[str, list[Finding]]) -> dict[int, dict[str, float]]:
    """{project id: {screen: strength 0–1}}. Tender screens mark their own tender; a bid king marks
    the tenders it won, a cover bidder (or R025 bidder) those where it was the runner-up, a ring
    the tenders where two or more of its members bid. Strength = finding score / 100."""
    signals: dict[int, dict[str, float]] = defaultdict(dict)
    won_by, runner_up_in = defaultdict(list), defaultdict(list)
    for t in tenders:
        if t.winner_id:
            won_by[t.winner_id].append(t.project_id)
        if t.b2_bidder_id and t.b2_bidder_id != t.winner_id:
            runner_up_in[t.b2_bidder_id].append(t.project_id)
        elif t.b1_bidder_id and t.b1_bidder_id != t.winner_id:
            runner_up_in[t.b1_bidder_id].append(t.project_id)

    def mark(project_id, screen, strength):
        signals[project_id][screen] = max(signals[project_id].get(screen, 0.0), strength)

    for screen, items in findings.items():
        for f in items:
            strength = f.score / 100
            if screen == Screen.BID_GAP and f.evidence.get("rule") != "R024":
                continue
            if f.key.startswith("project:"):
                mark(f.project_ids[0], screen, strength)
            elif screen == Screen.BID_KING:
                for project_id in won_by[f.entity_ids[0]]:
                    mark(project_id, screen, strength)
            elif screen in (Screen.COVER_BIDDER, Screen.UNSUCCESSFUL_BIDS):
                for project_id in runner_up_in[f.entity_ids[0]]:
                    mark(project_id, screen, strength)
            elif screen == Screen.CO_BIDDING_RING:
                for project_id in f.project_ids:
                    mark(project_id, screen, strength)
    return signals


def collusive_tender(tenders: list[data.TenderStats], findings: dict[str, list[Finding]], params: dict) -> list[Finding]:
    """Noisy-OR of the signals: score = 100 · (1 − Π (1 − w_s · strength_s)) over the screens s
    that marked the tender, with the office's weights w_s. A lead when score ≥ threshold. One
    strong sign (related bidders, identical prices) is enough; weak ones (single bidder, short
    period, tight prices) must come together."""
    weights = params["weights"]
    by_id = {t.project_id: t for t in tenders}
    result = []
    for project_id, marks in tender_signals(tenders, findings).items():
        keep = 1.0
        for screen, strength in marks.items():
            keep *= 1 - min(1.0, weights.get(screen, 0.0) * strength)
        score = clamp_score(100 * (1 - keep))
        if score < params["threshold"]:
            continue
        t = by_id[project_id]
        names = [str(Screen(s).label) for s in sorted(marks, key=lambda s: -weights.get(s, 0) * marks[s])]
        result.append(Finding(
            screen=Screen.COLLUSIVE_TENDER, key=f"project:{t.code}", score=score,
            summary=_("Tender %(code)s shows %(count)s signs of collusion: %(signs)s. Start with the first.")
            % {"code": t.code, "count": len(marks), "signs": "；".join(names)},
            evidence={"signals": {s: round(v, 3) for s, v in sorted(marks.items())}, "weights": {
                s: weights.get(s, 0.0) for s in sorted(marks)}},
            project_ids=[project_id], entity_ids=[e for e in {t.winner_id, t.b2_bidder_id} if e],
            department_id=t.department_id, raises_lead=params["raise_leads"],
        ))
    return result
