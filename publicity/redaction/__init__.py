"""Redaction of personal data before anything is published (DESIGN §5). The one home of the rules.

Natural persons are protected; organisations are legal entities whose names and unified social
credit codes stay public (the law publishes penalised organisations), shielded with `protected`.

Three sources are combined on a normalised view of the text (NFKC, no zero-width characters, no
spaces inside Chinese words, Chinese-numeral digits read as digits; see `text`):
- the personal values the caller knows about the record's people (`personal_values`: names, ID
  numbers, phones, e-mail and postal addresses), however they are spaced or written (`known`);
- identifier patterns: phones, ID/passport/permit numbers, bank accounts, e-mail, QQ, WeChat,
  licence plates, IP and street addresses (`identifiers`);
- names: after labels, jieba person-name tags for names nobody entered, "·" names, pinyin names,
  forms of address such as 王先生 (`names`).

Names keep the surname (张伟 → 张某, 李晓明 → 李某某, 欧阳娜娜 → 欧阳某某, 王先生 → 王某). Every other
identifier is removed whole and replaced by "***": published text carries no phone number and no
fragment of an ID number, masked or not.

`find_suspicious` points the reviewer at what may still identify someone in a redacted text.
"""

from collections.abc import Iterable

from publicity.redaction.identifiers import find_identifiers
from publicity.redaction.known import find_known_values
from publicity.redaction.names import find_names, mask_name
from publicity.redaction.spans import REMOVED, Span, choose
from publicity.redaction.suspicion import Suspicion, find_suspicious, highlighted
from publicity.redaction.text import INVISIBLE_RE, View, compact, normalise

__all__ = ["REMOVED", "Suspicion", "find_suspicious", "highlighted", "mask_name", "redact"]


def _protected_spans(view: View, protected: Iterable[str]) -> list[tuple[int, int]]:
    spans = []
    for phrase in {compact(p) for p in protected if p and p.strip()}:
        start = view.text.find(phrase)
        while start >= 0:
            spans.append((start, start + len(phrase)))
            start = view.text.find(phrase, start + 1)
    return spans


def personal_spans(text: str, *, personal_values: Iterable[str] = (), protected: Iterable[str] = ()
                   ) -> tuple[View, list[Span]]:
    """The view of `text` and the non-overlapping spans of it that are personal data."""
    view = normalise(text)
    found = [*find_known_values(view.text, personal_values), *find_identifiers(view.text),
             *find_names(view.text)]
    return view, choose(found, _protected_spans(view, protected))


def redact(text: str, *, personal_values: Iterable[str] = (), protected: Iterable[str] = ()) -> str:
    """Return `text` with personal data masked or removed.

    `personal_values`: what the caller knows about the record's natural persons (filers,
    respondents' representatives, witnesses, staff): names are masked to the surname wherever
    they appear, other values (ID numbers, phones, e-mail and postal addresses) are removed.
    `protected`: organisation names and codes that must stay as written.
    """
    if not text:
        return ""
    view, spans = personal_spans(text, personal_values=list(personal_values), protected=list(protected))
    pieces, position = [], 0
    for span in spans:
        start, end = view.original_span(span.start, span.end)
        pieces.append(text[position:start])
        pieces.append(span.replacement)
        position = end
    pieces.append(text[position:])
    return INVISIBLE_RE.sub("", "".join(pieces))
