"""Small server-rendered SVG charts for the lead page (no JavaScript): the bids of a tender on a
price strip, and the co-bidding network of a ring. Templates only fill in the computed shapes."""

from __future__ import annotations

import math
from dataclasses import dataclass

import networkx as nx

STRIP_WIDTH, STRIP_HEIGHT, STRIP_MARGIN = 640, 90, 40
NETWORK_SIZE, NODE_MARGIN = 420, 60


@dataclass
class StripMark:
    x: float
    y: float
    amount: object
    name: str
    code: str
    is_winner: bool
    is_flagged: bool
    is_valid: bool


def price_strip(bids, *, winner_id=None, flagged_ids=frozenset()) -> dict | None:
    """Bids (objects with amount, bidder, is_valid) placed on a horizontal price axis; identical
    prices stack upwards so none hides another."""
    bids = sorted(bids, key=lambda b: (b.amount, b.bidder_id))
    if not bids:
        return None
    low, high = float(bids[0].amount), float(bids[-1].amount)
    span = (high - low) or max(high, 1.0) * 0.02
    usable = STRIP_WIDTH - 2 * STRIP_MARGIN
    stacks: dict[float, int] = {}
    marks = []
    for bid in bids:
        x = STRIP_MARGIN + usable * (float(bid.amount) - low) / span if high > low else STRIP_WIDTH / 2
        level = stacks.get(round(x), 0)
        stacks[round(x)] = level + 1
        marks.append(StripMark(x=round(x, 1), y=STRIP_HEIGHT / 2 - 12 * level, amount=bid.amount,
                               name=bid.bidder.name, code=bid.bidder.code, is_winner=bid.bidder_id == winner_id,
                               is_flagged=bid.bidder_id in flagged_ids, is_valid=bid.is_valid))
    return {"width": STRIP_WIDTH, "height": STRIP_HEIGHT, "axis_y": STRIP_HEIGHT / 2 + 8,
            "left": STRIP_MARGIN, "right": STRIP_WIDTH - STRIP_MARGIN, "low": bids[0].amount, "high": bids[-1].amount,
            "marks": marks}


def network(nodes: dict[str, str], edges: list[tuple[str, str, float]], *, highlight=frozenset()) -> dict | None:
    """nodes: code → label; edges: (code, code, weight 0–1). Members sit on a circle in code order,
    so the same ring is drawn the same way every time (networkx's layouts need numpy, which the
    portal does not install)."""
    if not nodes:
        return None
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_weighted_edges_from((a, b, w) for a, b, w in edges if a in nodes and b in nodes)
    count = len(nodes)
    positions = {code: (math.cos(2 * math.pi * i / count - math.pi / 2), math.sin(2 * math.pi * i / count - math.pi / 2))
                 if count > 1 else (0.0, 0.0) for i, code in enumerate(sorted(nodes))}
    half = (NETWORK_SIZE - 2 * NODE_MARGIN) / 2

    def place(code):
        x, y = positions[code]
        return round(NETWORK_SIZE / 2 + half * x, 1), round(NETWORK_SIZE / 2 + half * y, 1)

    placed = {code: place(code) for code in nodes}
    lines = [{"x1": placed[a][0], "y1": placed[a][1], "x2": placed[b][0], "y2": placed[b][1],
              "width": round(1 + 5 * max(0.0, min(1.0, float(d.get("weight", 0)))), 1), "label": f"{a} — {b}"}
             for a, b, d in graph.edges(data=True)]
    circles = [{"x": x, "y": y, "label": nodes[code], "code": code, "highlight": code in highlight,
                "text_anchor": "start" if x >= NETWORK_SIZE / 2 else "end",
                "text_x": round(x + (10 if x >= NETWORK_SIZE / 2 else -10), 1)}
               for code, (x, y) in placed.items()]
    return {"size": NETWORK_SIZE, "lines": lines, "circles": circles}
