"""Related bidders in one tender (招标投标法实施条例 Art. 34 and 40)."""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from monitoring.models import Screen
from monitoring.screens import data
from monitoring.screens.base import Finding, clamp_score

KIND_LABELS = {
    "person": gettext_lazy("the same person (legal representative, manager or shareholder)"),
    "phone": gettext_lazy("the same phone"), "email": gettext_lazy("the same e-mail"),
    "address": gettext_lazy("the same address"), "deposit_account": gettext_lazy("the same deposit account"),
    "file_hash": gettext_lazy("bid files made on the same machine"), "ip": gettext_lazy("the same submission IP"),
}


def related_bidders(tenders: list[data.TenderStats], params: dict) -> list[Finding]:
    """Two bidders of one tender share a person (legal representative / manager / shareholder,
    matched across roles, by canonical name or ID hash), a phone, an e-mail, a normalised
    address or a deposit account, or their bids share a file-metadata hash or a submission IP.
    Art. 34: units with the same legal representative or a controlling relation may not bid in
    the same tender; Art. 40: bid files made by one unit or person, deposits paid from one
    account, are deemed collusion. Score: 55 + 10 per kind of shared trait (at most 95)."""
    kinds_on = set(params["kinds"])
    by_project = defaultdict(list)
    for project_id, bid_a, bid_b, bidder_a, bidder_b, kind, value in data.related_bidders_in_tenders():
        if kind in kinds_on:
            by_project[project_id].append((bid_a, bid_b, bidder_a, bidder_b, kind, value))
    if not by_project:
        return []
    by_id = {t.project_id: t for t in tenders}
    codes = data.entity_codes({x for rows in by_project.values() for r in rows for x in (r[2], r[3])})
    findings = []
    for project_id, rows in by_project.items():
        t = by_id.get(project_id)
        if t is None:
            continue
        kinds = sorted({r[4] for r in rows})
        pairs = sorted({(codes[r[2]][0], codes[r[3]][0], r[4]) for r in rows})
        findings.append(Finding(
            screen=Screen.RELATED_BIDDERS, key=f"project:{t.code}", score=clamp_score(55 + 10 * len(kinds)),
            summary=_("In tender %(code)s, bidders %(names)s share %(traits)s. Related firms may not bid against "
                      "each other (Implementing Regulations Art. 34, 40): verify the shared traits first.")
            % {"code": t.code, "names": "、".join(sorted({codes[r[2]][1] for r in rows} | {codes[r[3]][1] for r in rows})),
               "traits": "、".join(str(KIND_LABELS[k]) for k in kinds)},
            evidence={"kinds": kinds, "pairs": [list(p) for p in pairs]},
            project_ids=[project_id], bid_ids=sorted({x for r in rows for x in (r[0], r[1])}),
            entity_ids=sorted({x for r in rows for x in (r[2], r[3])}), department_id=t.department_id,
            raises_lead=params["raise_leads"],
        ))
    return findings
