"""What every screen returns, and how it gets its parameters."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


@dataclass
class Finding:
    """One thing a screen flagged. `key` names the subjects (codes) and, with the screen code,
    makes the lead's fingerprint; the same subjects on a later run give the same lead."""

    screen: str
    key: str
    score: float
    summary: str
    evidence: dict
    project_ids: list[int] = field(default_factory=list)
    entity_ids: list[int] = field(default_factory=list)
    bid_ids: list[int] = field(default_factory=list)
    department_id: int | None = None
    raises_lead: bool = True

    @property
    def fingerprint(self) -> str:
        return hashlib.sha256(f"{self.screen}|{self.key}".encode()).hexdigest()


def clamp_score(value: float) -> float:
    return round(max(0.0, min(100.0, value)), 1)
