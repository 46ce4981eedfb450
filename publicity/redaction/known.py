"""Personal values the caller knows (the case's people: names, ID numbers, phones, e-mail and
postal addresses), found however they are spaced, dashed, cased or written in full-width."""

import re
from collections.abc import Iterable, Iterator

from publicity.redaction.names import mask_name
from publicity.redaction.spans import REMOVED, Span
from publicity.redaction.text import CJK, compact

# A value the caller knows is read as a name (masked to the surname) when it looks like one;
# anything else (addresses, numbers, e-mail) is removed whole.
NAME_VALUE_RE = re.compile(rf"[{CJK}]{{2,4}}|[{CJK}]{{1,8}}[·•・‧][{CJK}·•・‧]{{1,16}}|[A-Za-z]+(?:[ \-][A-Za-z]+){{1,2}}")
PLACE_ENDINGS = tuple("省市区县镇乡村路街道巷弄号室楼幢栋")
PHONE_PREFIX_RE = re.compile(r"^(?:\+|00)?86(?=1[3-9]\d{9}$)")
SEPARATORS = r"[\s\-.()_/]*"


def _value_pattern(value: str) -> str:
    return SEPARATORS.join(re.escape(char) for char in value)


def known_value_patterns(values: Iterable[str]) -> list[tuple[re.Pattern, str | None]]:
    """(pattern, name or None) per distinct usable value; names are masked, the rest removed."""
    patterns, seen = [], set()
    for raw in values:
        if not raw or not str(raw).strip():
            continue
        raw = str(raw).strip()
        if (NAME_VALUE_RE.fullmatch(compact(raw)) or NAME_VALUE_RE.fullmatch(raw)) and not raw.endswith(PLACE_ENDINGS):
            value = compact(raw) if re.search(f"[{CJK}]", raw) else raw
            if value in seen or len(value) < 2:
                continue
            seen.add(value)
            pattern = r"[ \-]+".join(map(re.escape, value.split())) if " " in value else _value_pattern(value)
            patterns.append((re.compile(pattern, re.IGNORECASE), value))
            continue
        value = PHONE_PREFIX_RE.sub("", re.sub(r"[\s\-.()_/]", "", compact(raw)))
        if value in seen or sum(char.isalnum() for char in value) < 5:
            continue
        seen.add(value)
        patterns.append((re.compile(_value_pattern(value), re.IGNORECASE), None))
    return patterns


def find_known_values(text: str, values: Iterable[str]) -> Iterator[Span]:
    for pattern, name in known_value_patterns(values):
        for match in pattern.finditer(text):
            if name is not None:
                yield Span(match.start(), match.end(), mask_name(name), "known")
            else:
                yield Span(match.start(), match.end(), REMOVED, "known")
