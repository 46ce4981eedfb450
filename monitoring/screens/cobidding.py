"""Co-bidding 抱团投标 and rotation 轮流坐庄: firms that bid together far more often than their
activity explains, and among which the wins rotate."""

from __future__ import annotations

from collections import Counter, defaultdict

import networkx as nx
from django.utils.translation import gettext as _

from monitoring.models import Screen
from monitoring.screens import data
from monitoring.screens.base import Finding, clamp_score


def co_bidding_graph(params: dict) -> nx.Graph:
    """Edges between bidders that met in ≥ min_together tenders with Jaccard similarity
    J = |T_a ∩ T_b| / |T_a ∪ T_b| ≥ min_jaccard (T_x: the tenders x bid in). Honest firms of one
    trade meet often too, but each also bids widely without the other, which keeps J low."""
    pairs = data.co_bid_pairs(params["min_together"])
    counts = data.bid_counts({x for a, b, _n in pairs for x in (a, b)})
    graph = nx.Graph()
    for a, b, together in pairs:
        jaccard = together / (counts[a] + counts[b] - together)
        if jaccard >= params["min_jaccard"]:
            graph.add_edge(a, b, weight=jaccard, together=together)
    return graph


def co_bidding_ring(tenders: list[data.TenderStats], params: dict) -> list[Finding]:
    """Communities of the co-bidding graph (Louvain, networkx) with ≥ min_members firms, flagged
    when, over the tenders where two or more members bid (≥ min_together of them):
    - at least `min_rotation_winners` different members won (the wins rotate), and
    - the members won a share S ≥ `min_group_win_share` of those tenders.
    The share expected by chance, E = mean over tenders of (members bidding / bids), is reported:
    a ring that keeps outsiders away has E close to S. Honest firms of a trade do not reach the
    Jaccard threshold, because each bids widely without the others. Score grows with S and the
    number of rotating winners."""
    graph = co_bidding_graph(params)
    if graph.number_of_edges() == 0:
        return []
    communities = nx.community.louvain_communities(graph, weight="weight", resolution=params["resolution"],
                                                   seed=params["seed"])
    communities = [c for c in communities if len(c) >= params["min_members"]]
    community_of = {member: index for index, c in enumerate(communities) for member in c}
    # Members bidding per (community, tender), from one read of the members' bids.
    bidding = Counter((community_of[bidder], project) for project, bidder in data.bids_of_bidders(community_of))
    by_id = {t.project_id: t for t in tenders}
    together_of = defaultdict(list)
    for (community, project), n in bidding.items():
        if n >= 2 and project in by_id:
            together_of[community].append((by_id[project], n))
    findings = []
    for index, members in enumerate(communities):
        together = together_of[index]
        if len(together) < params["min_together"]:
            continue
        awarded = [(t, n) for t, n in together if t.winner_id is not None]
        if not awarded:
            continue
        winners = Counter(t.winner_id for t, _n in awarded if t.winner_id in members)
        share = sum(winners.values()) / len(awarded)
        expected = sum(n / t.submitted for t, n in awarded) / len(awarded)
        if len(winners) < params["min_rotation_winners"] or share < params["min_group_win_share"]:
            continue
        codes = data.entity_codes(members)
        departments = Counter(t.department_id for t, _n in together)
        ordered = sorted(codes[m][0] for m in members)
        findings.append(Finding(
            screen=Screen.CO_BIDDING_RING, key="ring:" + ",".join(ordered),
            score=clamp_score(40 + 40 * share + 3 * len(winners)),
            summary=_("%(count)s firms (%(names)s) bid together in %(tenders)s tenders and won %(share).0f%% of them "
                      "(%(expected).0f%% expected), with %(winners)s different members taking turns to win. "
                      "Compare their bids tender by tender, starting with the ones the members lost to each other.")
            % {"count": len(members), "names": "、".join(sorted(codes[m][1] for m in members)),
               "tenders": len(together), "share": share * 100, "expected": expected * 100, "winners": len(winners)},
            evidence={"members": ordered, "tenders_together": len(together), "group_win_share": round(share, 3),
                      "expected_share": round(expected, 3), "winning_members": len(winners),
                      "wins_by_member": {codes[m][0]: n for m, n in sorted(winners.items(),
                                                                            key=lambda item: (-item[1], codes[item[0]][0]))},
                      # Sorted, so unchanged data gives the same evidence (and no "evidence updated").
                      "edges": sorted([sorted([codes[a][0], codes[b][0]]) + [round(d["weight"], 3), d["together"]]
                                       for a, b, d in graph.subgraph(members).edges(data=True)])},
            entity_ids=sorted(members), project_ids=sorted(t.project_id for t, _n in together),
            department_id=departments.most_common(1)[0][0], raises_lead=params["raise_leads"],
        ))
    return findings
