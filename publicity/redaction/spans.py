"""What a detector found: a span of the normalised view and what replaces it."""

from dataclasses import dataclass

REMOVED = "***"


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    replacement: str
    kind: str

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


def choose(spans, blocked: list[tuple[int, int]]) -> list[Span]:
    """Non-overlapping spans, longest first, none touching a protected phrase; in text order."""
    chosen: list[Span] = []
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if span.end <= span.start:
            continue
        if any(span.overlaps(start, end) for start, end in blocked):
            continue
        if any(span.overlaps(other.start, other.end) for other in chosen):
            continue
        chosen.append(span)
    return sorted(chosen, key=lambda s: s.start)
