"""A normalised view of a text for detection, with a map back to the original characters.

Detection runs on the view; replacements are applied to the original, so punctuation and layout
stay as typed. The view:
- applies NFKC character by character (full-width digits, letters, ＠, （ ） become ASCII);
- drops zero-width and soft-hyphen characters;
- drops whitespace between two Chinese characters ("张 伟" reads "张伟");
- reads runs of seven or more Chinese numerals as digits ("一三八零零一三八零零零").
"""

import re
import unicodedata
from dataclasses import dataclass

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_CHAR_RE = re.compile(f"[{CJK}]")
INVISIBLE = frozenset("\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad\u180e")
INVISIBLE_RE = re.compile("[" + "".join(sorted(INVISIBLE)) + "]")
CHINESE_DIGITS = str.maketrans("零〇一二三四五六七八九幺", "001234567891")
CHINESE_NUMBER_RUN_RE = re.compile("[零〇一二三四五六七八九幺]{7,}")


@dataclass(frozen=True)
class View:
    text: str
    origin: tuple[int, ...]  # origin[i]: index in the original of view character i

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        return self.origin[start], self.origin[end - 1] + 1


def _is_cjk(char: str) -> bool:
    return bool(CJK_CHAR_RE.match(char))


def normalise(text: str) -> View:
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char in INVISIBLE:
            continue
        for out in unicodedata.normalize("NFKC", char):
            chars.append(out)
            origin.append(index)
    kept_chars: list[str] = []
    kept_origin: list[int] = []
    position = 0
    while position < len(chars):
        if chars[position].isspace():
            run_end = position
            while run_end < len(chars) and chars[run_end].isspace():
                run_end += 1
            between_cjk = (kept_chars and _is_cjk(kept_chars[-1]) and run_end < len(chars)
                           and _is_cjk(chars[run_end]))
            if not between_cjk:
                kept_chars.extend(chars[position:run_end])
                kept_origin.extend(origin[position:run_end])
            position = run_end
            continue
        kept_chars.append(chars[position])
        kept_origin.append(origin[position])
        position += 1
    view_text = CHINESE_NUMBER_RUN_RE.sub(lambda m: m.group(0).translate(CHINESE_DIGITS), "".join(kept_chars))
    return View(view_text, tuple(kept_origin))


def compact(value: str) -> str:
    """A value as the view would read it, without any spacing: for matching known values."""
    return "".join(ch for ch in normalise(value).text if not ch.isspace())
