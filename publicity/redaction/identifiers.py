"""Identifiers found by their shape or by the label before them: phone numbers, ID and permit
numbers, bank accounts, e-mail addresses, QQ and WeChat ids, licence plates, IP and street
addresses. Every one is removed whole (no masked fragments): a masked phone or ID number still
narrows a person down. Unified social credit codes of organisations stay.

All patterns run on the normalised view (publicity.redaction.text), so full-width digits, "＠",
zero-width characters and Chinese-numeral digits are already plain.
"""

import re
from collections.abc import Iterator

from django.core.exceptions import ValidationError

from directory.credit_code import validate_credit_code
from publicity.redaction.spans import REMOVED, Span

SEP = r"[ \t\-.—–_]?"  # one optional separator between digits: "138 0013 8000", "0571-8888 1234"
MASK_CHARS = r"*＊×xX"


def _digits(pattern_count: int) -> str:
    return rf"\d(?:{SEP}\d){{{pattern_count - 1}}}"


COUNTRY_PREFIX = r"(?:\(?(?:\+|00)\s?86\)?[ \-.]{0,3}|86[ \-]?(?=1[3-9]))?"
MOBILE_RE = re.compile(rf"(?<!\d){COUNTRY_PREFIX}1{SEP}[3-9](?:{SEP}\d){{9}}(?!\d)")
LANDLINE_RE = re.compile(
    rf"(?<!\d)(?:\(0\d{{2,3}}\)|0\d{{2,3}}){SEP}[2-9](?:{SEP}\d){{6,7}}"
    r"(?:\s?(?:转|-|ext\.?|x|分机)\s?\d{1,6})?(?!\d)", re.IGNORECASE)
SERVICE_NUMBER_RE = re.compile(rf"(?<!\d)[48]{SEP}0{SEP}0(?:{SEP}\d){{7}}(?!\d)")
LONG_NUMBER_RE = re.compile(rf"(?<!\d)\d(?:{SEP}\d){{14,17}}(?:{SEP}[\dXx])?(?!\d)")
MASKED_NUMBER_RE = re.compile(rf"(?<![\w*＊×])[\dA-Za-z]*\d[\d{MASK_CHARS}\s\-]*[{MASK_CHARS}]{{3,}}[\d{MASK_CHARS}\-]*"
                              rf"(?<=[\d{MASK_CHARS}])")
EMAIL_RE = re.compile(
    r"(?:[A-Za-z0-9._%+\-]+|[\u4e00-\u9fff]{1,4})\s*(?:@|\[at\]|\(at\)|\{at\}|\sat\s|#)\s*"
    r"(?:(?:[A-Za-z0-9\-]+|[\u4e00-\u9fff]{1,12})\s*(?:\.|\[dot\]|\(dot\)|\sdot\s)\s*)+"
    r"(?:[A-Za-z]{2,12}|中国|中國|公司|网络|政务)(?![A-Za-z])",
    re.IGNORECASE,
)
EMAIL_LABEL_PREFIX_RE = re.compile(r"^(?:电子邮箱|电子邮件|邮箱地址|邮箱|邮件|邮|箱)")
IPV4_RE = re.compile(r"(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\d]|\.\d)")
IPV6_RE = re.compile(
    r"(?<![0-9A-Fa-f:])(?:(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}"
    r"|(?:[0-9A-Fa-f]{1,4}:){1,6}:(?:[0-9A-Fa-f]{1,4}:){0,5}[0-9A-Fa-f]{1,4}|::1)(?![0-9A-Fa-f:])"
)
PLATE_RE = re.compile(
    r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z]\s?[·•・\-]?\s?"
    r"(?=[A-HJ-NP-Z]{0,3}\d)[A-HJ-NP-Z0-9]{5,6}(?:挂|学|警|领)?(?![A-Za-z0-9])"
)
PASSPORT_RE = re.compile(r"(?<![A-Za-z0-9])(?:E[A-HJ-NP-Z]\d{7}|[EGDSP]\d{8})(?![A-Za-z0-9])")
NUMBER_WORD = r"(?:\d+|[一二三四五六七八九十百零〇]+|[A-Z])"
ADDRESS_RE = re.compile(
    r"(?<=[路街道巷弄里村组苑园区厦场寓庭城湾府邸居坊院宅楼屯庄])"
    rf"(?:\s?{NUMBER_WORD}(?:[-—]\d+)?\s?(?:号楼|号院|号|弄|幢|栋|楼|单元|座|层|室|户|组)){{1,6}}"
)
ADDRESS_TAIL_RE = re.compile(rf"(?:{NUMBER_WORD}(?:[-—]\d+)?(?:号楼|幢|栋|单元|座|层|室|户)){{2,5}}")

LABEL_VALUE = r"\s*(?:号码|号|编号|账号)?\s*(?:[前后末尾]\s*[0-9一二三四五六七八九十]{1,2}\s*位|尾号)?\s*(?:为|是)?\s*[:：]?\s*"
LABELLED = (
    # (labels, value pattern)
    (r"身份证|身份证件|身份号码|公民身份号码|证件|居民身份证|护照|港澳通行证|往来港澳通行证|台湾通行证|往来台湾通行证"
     r"|台胞证|回乡证|居留证|居住证|驾驶证|驾照|军官证|士兵证|社保卡|医保卡|社会保障卡|户口簿|户籍",
     rf"[0-9A-Za-z{MASK_CHARS}][0-9A-Za-z{MASK_CHARS}\s\-]{{2,}}(?<=[0-9A-Za-z{MASK_CHARS}])"),
    (r"电话|手机|手机号|移动电话|固定电话|固话|座机|传真|联系方式|联系电话|办公电话|热线|tel|phone|mobile|fax",
     rf"[+(]?\d[\d\s\-()（）{MASK_CHARS}]{{5,}}(?<=[\d{MASK_CHARS}])"),
    (r"银行账号|银行账户|银行卡号|银行卡|开户账号|账号|帐号|账户|帐户|卡号|收款账户|付款账户",
     rf"\d[\d\s\-{MASK_CHARS}]{{6,}}(?<=[\d{MASK_CHARS}])"),
    (r"QQ|扣扣", r"\d{5,12}"),
    (r"微信|weixin|wechat|vx|wx|v信|微信id",
     r"(?:[A-Za-z][A-Za-z0-9_\-]{4,24}|\+?\d[\d\s\-]{5,}\d)"),
    (r"IP地址|IP|ip地址", r"[0-9A-Fa-f.:]{7,}"),
    (r"车牌号码|车牌号|车牌", r"[\u4e00-\u9fff]?[A-Z][A-Z0-9·•\-\s]{4,8}(?<=[A-Z0-9])"),
    (r"住址|家庭住址|居住地|住所地|住所|户籍地址|现住址|通讯地址|联系地址|送达地址|家住",
     r"[^，。；;,\n]{4,60}?(?=[，。；;,\n]|$)"),
)
LABELLED_RES = tuple(
    re.compile(rf"(?<![A-Za-z])(?:{labels}){LABEL_VALUE}({value})", re.IGNORECASE)
    for labels, value in LABELLED
)


def _is_credit_code(value: str) -> bool:
    try:
        validate_credit_code(value)
    except ValidationError:
        return False
    return True


def _id_number_is_plausible(digits: str) -> bool:
    from stdnum.cn import ric

    return len(digits) == 18 and ric.is_valid(digits.upper())


def _alnum_word(text: str, start: int, end: int) -> str:
    """The whole run of letters and digits around text[start:end] (a credit code has letters)."""
    while start > 0 and text[start - 1].isascii() and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isascii() and text[end].isalnum():
        end += 1
    return text[start:end]


def _spans(pattern: re.Pattern, text: str, kind: str, group: int = 0) -> Iterator[Span]:
    for match in pattern.finditer(text):
        if match.group(group):
            yield Span(match.start(group), match.end(group), REMOVED, kind)


def _long_numbers(text: str) -> Iterator[Span]:
    """ID numbers (18 and 15 digits, with any spacing) and bank accounts (15-19 digits). A numeric
    unified social credit code stays unless it is also a valid ID number."""
    for match in LONG_NUMBER_RE.finditer(text):
        word = _alnum_word(text, match.start(), match.end())
        if len(word) == 18 and _is_credit_code(word.upper()) and not _id_number_is_plausible(word):
            continue
        yield Span(match.start(), match.end(), REMOVED, "number")


def _emails(text: str) -> Iterator[Span]:
    for match in EMAIL_RE.finditer(text):
        start = match.start()
        prefix = EMAIL_LABEL_PREFIX_RE.match(match.group(0))
        if prefix:
            start += prefix.end()
        yield Span(start, match.end(), REMOVED, "email")


def _addresses(text: str) -> Iterator[Span]:
    yield from _spans(ADDRESS_RE, text, "address")
    yield from _spans(ADDRESS_TAIL_RE, text, "address")


def find_identifiers(text: str) -> Iterator[Span]:
    yield from _long_numbers(text)
    yield from _spans(MOBILE_RE, text, "phone")
    yield from _spans(LANDLINE_RE, text, "phone")
    yield from _spans(SERVICE_NUMBER_RE, text, "phone")
    yield from _spans(MASKED_NUMBER_RE, text, "number")
    yield from _emails(text)
    yield from _spans(IPV4_RE, text, "ip")
    yield from _spans(IPV6_RE, text, "ip")
    yield from _spans(PLATE_RE, text, "plate")
    yield from _spans(PASSPORT_RE, text, "passport")
    yield from _addresses(text)
    for pattern in LABELLED_RES:
        yield from _spans(pattern, text, "labelled", group=1)
