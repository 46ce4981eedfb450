"""Precision, recall and F1 of the screens against a simulated market's ground truth. Reads the
truth and a fresh run of the screens (no leads are written); the screens never read the truth."""

from __future__ import annotations

from monitoring import screens
from monitoring.models import Screen, SimulatedTruth
from monitoring.screens import data
from monitoring.services.parameters import effective_parameters

# Firm screens are scored against the firms of the schemes they are meant to find.
ENTITY_SCREENS = {
    Screen.BID_KING: {"king", "ring"},  # ring members win their turns behind cover bids too
    Screen.COVER_BIDDER: {"cover", "shell", "ring"},
    Screen.UNSUCCESSFUL_BIDS: {"cover", "shell", "ring"},
    Screen.CO_BIDDING_RING: {"ring", "cover"},
}
WIN_RATE_SCREENS = {Screen.BID_KING, Screen.COVER_BIDDER, Screen.UNSUCCESSFUL_BIDS}


def _scores(predicted: set, actual: set) -> dict:
    tp = len(predicted & actual)
    precision = tp / len(predicted) if predicted else 0.0
    recall = tp / len(actual) if actual else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"flagged": len(predicted), "true_positives": tp, "precision": precision, "recall": recall, "f1": f1}


def evaluate(*, seed: int) -> dict:
    """Run the screens (without writing leads) and compare them with the truth of `seed`:
    tender screens against collusive tenders, firm screens against collusive firms. Overall =
    the collusive-tender score's leads against all collusive tenders. Firm screens are scored
    against the firms of the schemes they target (ENTITY_SCREENS)."""
    truth = SimulatedTruth.objects.filter(seed=seed)
    collusive_tenders = set(truth.filter(subject="project", is_collusive=True).values_list("code", flat=True))
    tender_codes = set(truth.filter(subject="project").values_list("code", flat=True))
    collusive_firms = set(truth.filter(subject="entity", is_collusive=True).values_list("code", flat=True))
    scheme_of = dict(truth.filter(subject="entity").values_list("code", "scheme"))
    lookalikes = dict(truth.filter(subject="entity", scheme__in=["cheap", "expensive", "sister"])
                      .values_list("code", "scheme"))
    entity_codes = set(truth.filter(subject="entity").values_list("code", flat=True))
    parameters, enabled = effective_parameters()
    findings, _seconds = screens.run_all(parameters, enabled)
    result, lookalikes_flagged = {}, []
    for screen, items in findings.items():
        if screen in ENTITY_SCREENS:
            ids = {pk for f in items for pk in (f.entity_ids if screen == Screen.CO_BIDDING_RING else f.entity_ids[:1])}
            codes = {code for code, _n, _d in data.entity_codes(ids).values()} & entity_codes
            result[screen] = _scores(codes, {c for c, s in scheme_of.items() if s in ENTITY_SCREENS[screen]})
            if screen in WIN_RATE_SCREENS:
                lookalikes_flagged += [(screen, code, lookalikes[code]) for code in codes if code in lookalikes]
        else:
            codes = {f.key.removeprefix("project:") for f in items if f.key.startswith("project:")} & tender_codes
            result[screen] = _scores(codes, collusive_tenders)
    overall = result.get(Screen.COLLUSIVE_TENDER, _scores(set(), collusive_tenders))
    return {"screens": result, "overall": overall, "lookalikes_flagged": lookalikes_flagged,
            "collusive_tenders": len(collusive_tenders), "collusive_firms": len(collusive_firms)}
