"""What may still identify a person in a text that was already redacted, for the reviewer's
preview before publishing. Nothing here changes the text; it only points."""

import re
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from publicity.redaction.names import MASK, tokens
from publicity.redaction.text import normalise

REASONS = {
    "name": _("May be a person's name"),
    "number": _("A long number: an account, ID or phone number?"),
    "latin": _("Latin letters: a name in pinyin, an account or a user name?"),
    "age": _("A person's age or date of birth?"),
}
# Seven or more digits standing alone (codes with letters, such as credit codes, are not numbers
# of a person); amounts and measures are not suspicious.
NUMBER_RE = re.compile(r"(?<![\dA-Za-z.\-])\d(?:[ \-]?\d){6,}(?![\dA-Za-z])(?![.\d]*\s*(?:元|万|亿|%|平方|米|吨|千克|公斤))")
LATIN_RE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9_.\-]{2,}(?<![.\-])")
ACRONYM_RE = re.compile(r"[A-Z]{2,5}")
AGE_RE = re.compile(r"\d{1,3}\s?(?:岁|周岁)|(?:出生于|生于|出生)\s?\d{4}|\d{4}\s?年\s?\d{1,2}\s?月\s?\d{1,2}\s?日\s?出?生")


@dataclass(frozen=True)
class Suspicion:
    start: int
    end: int
    kind: str

    @property
    def reason(self) -> Promise:
        return REASONS[self.kind]


def _view_spans(text: str):
    for match in NUMBER_RE.finditer(text):
        yield match.start(), match.end(), "number"
    for token in tokens(text):
        if token.is_person and len(token.word) >= 2 and MASK not in token.word:
            yield token.start, token.end, "name"
    for match in LATIN_RE.finditer(text):
        word = match.group(0)
        if ACRONYM_RE.fullmatch(word):
            continue
        if any(char.isdigit() for char in word) and word.upper() == word:
            continue  # a code such as ZJ2026001, not a name
        yield match.start(), match.end(), "latin"
    for match in AGE_RE.finditer(text):
        yield match.start(), match.end(), "age"


def find_suspicious(text: str) -> list[Suspicion]:
    """Spans of `text` (offsets into `text` itself) that may still identify a natural person."""
    if not text:
        return []
    view = normalise(text)
    found: list[Suspicion] = []
    for start, end, kind in sorted(_view_spans(view.text)):
        original_start, original_end = view.original_span(start, end)
        if found and original_start < found[-1].end:
            continue
        found.append(Suspicion(original_start, original_end, kind))
    return found


def highlighted(text: str) -> list[tuple[str, Suspicion | None]]:
    """`text` cut into pieces, each with the suspicion it raises (or None), for a template."""
    pieces, position = [], 0
    for suspicion in find_suspicious(text):
        if suspicion.start > position:
            pieces.append((text[position:suspicion.start], None))
        pieces.append((text[suspicion.start:suspicion.end], suspicion))
        position = suspicion.end
    if position < len(text):
        pieces.append((text[position:], None))
    return pieces
