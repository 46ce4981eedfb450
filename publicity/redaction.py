"""Redaction of personal data before anything is published (DESIGN §5).

Natural persons are protected: their names, mobile and landline numbers, resident ID numbers and
e-mail addresses are masked. Organisations are legal entities: their names and unified social
credit codes stay public, and are shielded from the name rules with `protected`.

Masking follows the style of Chinese government disclosures:
- names keep the surname: 张伟 → 张某, 李晓明 → 李某某, 欧阳娜娜 → 欧阳某某;
- mobiles keep the first 3 and last 4 digits: 13812345678 → 138****5678;
- landlines keep the area code and the last 2 digits: 0571-87654321 → 0571-******21;
- 18-digit resident ID numbers keep only the 6-digit region code; birth date, sequence and check
  character are removed: 330106198503071234 → 330106************ (15-digit legacy numbers alike);
- e-mail addresses keep the first character and the domain: zhangwei@163.com → z***@163.com.
"""

import datetime as dt
import re
from collections.abc import Iterable

from directory.identifiers import is_valid_credit_code, is_valid_id_number

COMPOUND_SURNAMES = (
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
    "夏侯", "轩辕", "令狐", "钟离", "闻人", "澹台", "南宫", "西门", "端木", "呼延", "万俟", "单于",
)
CJK = "\u4e00-\u9fff"
# Words that end an organisation's or office's name: never a natural person after a label.
ORGANISATION_ENDINGS = ("公司", "集团", "中心", "局", "委", "院", "所", "厂", "部", "会", "社", "行", "站", "队",
                        "处", "室", "校", "办", "单位", "机构", "银行", "医院")
PERSON_LABELS = ("姓名", "联系人", "投诉人", "举报人", "申请人", "被投诉人", "被举报人", "法定代表人", "法人代表",
                 "委托代理人", "代理人", "负责人", "项目负责人", "项目经理", "经办人", "承办人", "当事人", "证人")

_ALNUM_BEFORE = r"(?<![0-9A-Za-z])"
_ALNUM_AFTER = r"(?![0-9A-Za-z])"
MOBILE_RE = re.compile(_ALNUM_BEFORE + r"(?:\+?86[-\s]?)?(1[3-9]\d)[-\s]?(\d{4})[-\s]?(\d{4})" + _ALNUM_AFTER)
LANDLINE_RE = re.compile(
    _ALNUM_BEFORE + r"(\(?0\d{2,3}\)?[-\s]?)(\d{5,6})(\d{2})(?:(?:转|-|ext\.?\s?)\d{1,5})?" + _ALNUM_AFTER
)
ID18_RE = re.compile(_ALNUM_BEFORE + r"(\d{6})(\d{8})(\d{3}[\dXx])" + _ALNUM_AFTER)
ID15_RE = re.compile(_ALNUM_BEFORE + r"(\d{6})(\d{6})(\d{3})" + _ALNUM_AFTER)
EMAIL_RE = re.compile(r"([A-Za-z0-9._%+-])([A-Za-z0-9._%+-]*)@([A-Za-z0-9.-]+\.[A-Za-z]{2,})")
LABELLED_NAME_RE = re.compile(
    r"((?:" + "|".join(sorted(PERSON_LABELS, key=len, reverse=True)) + r")\s*[：:]\s*)"
    r"([" + CJK + r"]{2,4})(?![" + CJK + r"·])"
)


def mask_name(name: str) -> str:
    """张伟 → 张某, 李晓明 → 李某某, 欧阳娜娜 → 欧阳某某."""
    name = name.strip()
    surname_length = 2 if name[:2] in COMPOUND_SURNAMES and len(name) > 2 else 1
    return name[:surname_length] + "某" * min(max(len(name) - surname_length, 1), 2)


def _valid_birth_date(text: str) -> bool:
    try:
        born = dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return False
    return dt.date(1900, 1, 1) <= born <= dt.date.today()


def _mask_id18(match: re.Match) -> str:
    number = match.group(0)
    if not _valid_birth_date(match.group(2)):
        return number
    # A credit code made only of digits can look like an ID number; its own check character decides.
    if is_valid_credit_code(number) and not is_valid_id_number(number):
        return number
    return match.group(1) + "*" * 12


def _mask_id15(match: re.Match) -> str:
    if not _valid_birth_date("19" + match.group(2)):
        return match.group(0)
    return match.group(1) + "*" * 9


def _mask_landline(match: re.Match) -> str:
    return match.group(1) + "*" * len(match.group(2)) + match.group(3)


def _mask_mobile(match: re.Match) -> str:
    return f"{match.group(1)}****{match.group(3)}"


def _mask_email(match: re.Match) -> str:
    return f"{match.group(1)}***@{match.group(3)}"


def _protected_spans(text: str, protected: Iterable[str]) -> list[tuple[int, int]]:
    spans = []
    for phrase in {p for p in protected if p}:
        spans.extend((m.start(), m.end()) for m in re.finditer(re.escape(phrase), text))
    return spans


def _inside(spans, start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _replace_outside(text: str, pattern: re.Pattern, replace, protected_spans) -> str:
    def substitute(match):
        if _inside(protected_spans, match.start(), match.end()):
            return match.group(0)
        return replace(match)

    return pattern.sub(substitute, text)


def _mask_known_names(text: str, names: Iterable[str], protected: Iterable[str]) -> str:
    wanted = sorted({n.strip() for n in names if n and len(n.strip()) >= 2}, key=len, reverse=True)
    if not wanted:
        return text
    pattern = re.compile("|".join(re.escape(n) for n in wanted))
    return _replace_outside(text, pattern, lambda m: mask_name(m.group(0)), _protected_spans(text, protected))


def _mask_labelled_names(text: str, protected: Iterable[str]) -> str:
    spans = _protected_spans(text, protected)

    def replace(match):
        candidate = match.group(2)
        if "某" in candidate or candidate.endswith(ORGANISATION_ENDINGS):
            return match.group(0)
        return match.group(1) + mask_name(candidate)

    return _replace_outside(text, LABELLED_NAME_RE, replace, spans)


def redact(text: str, *, names: Iterable[str] = (), protected: Iterable[str] = ()) -> str:
    """Return `text` with personal data masked.

    `names`: natural persons known to the caller (filer, legal representatives, handlers, witnesses);
    every occurrence is masked. Names after a label such as "姓名：" or "联系人：" are masked too.
    `protected`: organisation names and other public phrases that must stay as written.
    """
    if not text:
        return ""
    names, protected = list(names), list(protected)
    text = EMAIL_RE.sub(_mask_email, text)
    text = ID18_RE.sub(_mask_id18, text)
    text = ID15_RE.sub(_mask_id15, text)
    text = MOBILE_RE.sub(_mask_mobile, text)
    text = LANDLINE_RE.sub(_mask_landline, text)
    text = _mask_known_names(text, names, protected)
    return _mask_labelled_names(text, protected)
