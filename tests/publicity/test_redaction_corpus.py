"""The redaction corpus (every tricky input of issue 16, each a case) and property tests that feed
known personal values through random Chinese templates."""

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from publicity.redaction import find_suspicious, highlighted, redact
from publicity.redaction.text import compact
from tests.publicity.redaction_corpus import CORPUS

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _case_id(case) -> str:
    return case[0][:24]


@pytest.mark.parametrize("case", CORPUS, ids=[_case_id(case) for case in CORPUS])
def test_corpus(case):
    text, expected, values, protected = (*case, (), ())[:4]
    assert redact(text, personal_values=values, protected=protected) == expected


def test_the_corpus_is_large_and_has_no_duplicates():
    inputs = [case[0] for case in CORPUS]
    assert len(inputs) >= 200
    assert len(set(inputs)) == len(inputs)


# --- property tests ---------------------------------------------------------------------------

SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡杜叶程苏魏吕丁沈")
SURNAMES += ["欧阳", "司马", "诸葛", "上官"]
GIVEN = list("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞刚桂英华辉鹏斌玲红燕琳晨宇浩凯婷雪梅峰亮")
REGIONS = ["330106", "110101", "440305", "510104", "320102", "420106"]
TEMPLATES = [
    "投诉人：{name}，身份证号{id}，联系电话{phone}，电子邮箱{email}。",
    "{name}向本局反映，其手机{phone}多次接到陌生来电，证件号码为{id}，来信请寄{email}。",
    "经查，{name}（身份证{id}）系被投诉人员工，联系方式：{phone}，邮箱：{email}。",
    "举报人{name}称：评标过程中有人联系其电话{phone}并发送邮件至{email}，其身份证{id}被冒用。",
    "证人：{name}。身份证号码：{id}。手机：{phone}。邮件：{email}",
    "本局工作人员与{name}电话联系（{phone}），核对了身份证{id}与邮箱{email}。",
    "项目经理{name}同时在另一项目任职，其注册证书上的身份证号为{id}，电话{phone}，邮箱{email}。",
    "{name}，{id}，{phone}，{email}",
    "申请人{name}于开标当日提交书面材料，留存电话为{phone}、邮箱为{email}、身份证为{id}。",
    "联系人：{name}\n电话：{phone}\n身份证：{id}\n邮箱：{email}",
]


@st.composite
def chinese_names(draw):
    return draw(st.sampled_from(SURNAMES)) + "".join(draw(st.lists(st.sampled_from(GIVEN), min_size=1, max_size=2)))


@st.composite
def id_numbers(draw):
    born = draw(st.dates(min_value=dt.date(1950, 1, 1),
                         max_value=dt.date(2005, 12, 31)))
    first17 = draw(st.sampled_from(REGIONS)) + born.strftime("%Y%m%d") + f"{draw(st.integers(0, 999)):03d}"
    total = sum(int(digit) * weight for digit, weight in zip(first17, ID_WEIGHTS, strict=True))
    return first17 + ID_CHECK[total % 11]


def _written(number: str, style: int) -> str:
    """How a number may be typed: plain, grouped with spaces or dashes, full-width."""
    if style == 1:
        return " ".join(re.findall(r".{1,4}", number))
    if style == 2:
        return "-".join(re.findall(r".{1,4}", number))
    if style == 3:
        return number.translate(FULL_WIDTH)
    return number


mobiles = st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True)
landlines = st.from_regex(r"0(?:571|10|21|755)[2-8][0-9]{7}", fullmatch=True)
emails = st.builds(lambda local, domain: f"{local}@{domain}",
                   st.from_regex(r"[a-z][a-z0-9]{3,10}", fullmatch=True),
                   st.sampled_from(["163.com", "qq.com", "example.com.cn", "mail.zj.gov.cn", "126.com"]))
PHONE_PREFIXES = ["", "+86 ", "0086-", "86"]


@settings(max_examples=150, deadline=None)
@given(template=st.sampled_from(TEMPLATES), name=chinese_names(), id_number=id_numbers(),
       phone=st.one_of(mobiles, landlines), email=emails, style=st.integers(0, 3),
       prefix=st.sampled_from(PHONE_PREFIXES), at=st.sampled_from(["@", "＠", "[at]"]))
def test_known_personal_values_never_reach_the_output(template, name, id_number, phone, email, style, prefix, at):
    phone_written = (prefix + phone if phone.startswith("1") else phone)
    text = template.format(name=name, id=_written(id_number, style), phone=_written(phone_written, style),
                           email=email.replace("@", at))
    output = redact(text, personal_values=[name, id_number, phone, email])
    flat = compact(output)
    assert name not in flat
    assert not re.search(r"\d{3}", flat), "no digits of an ID or phone number, not even a fragment"
    assert email.split("@")[0] not in flat.lower() and "@" not in flat


@settings(max_examples=100, deadline=None)
@given(template=st.sampled_from(TEMPLATES), name=chinese_names(), id_number=id_numbers(),
       phone=st.one_of(mobiles, landlines), email=emails, style=st.integers(0, 3))
def test_identifiers_nobody_listed_are_removed_too(template, name, id_number, phone, email, style):
    text = template.format(name=name, id=_written(id_number, style), phone=_written(phone, style), email=email)
    flat = compact(redact(text))
    assert not re.search(r"\d{3}", flat)
    assert "@" not in flat


# --- the reviewer's preview ---------------------------------------------------------------------

def test_suspicious_passages_are_pointed_out():
    text = "处理决定：投诉人张某反映的问题属实，另据张伟建材有限公司员工陈述，账户尾数为1234567，联系 zhangwei_88，时年45岁。"
    kinds = {text[s.start:s.end]: s.kind for s in find_suspicious(text)}
    assert kinds.get("1234567") == "number"
    assert kinds.get("zhangwei_88") == "latin"
    assert kinds.get("45岁") == "age"
    assert "张伟" in kinds and kinds["张伟"] == "name"
    assert "张某" not in kinds


def test_a_clean_redacted_decision_raises_nothing():
    text = ("投诉人：张某。被投诉人：浙江宏达建设工程有限公司，统一社会信用代码91330100MA2H3K4L5X。"
            "处理决定：投诉事项不成立，驳回投诉。罚款人民币50000元。项目编号ZJ-2026-001。")
    assert find_suspicious(text) == []
    assert highlighted(text) == [(text, None)]


def test_highlighting_keeps_every_character_in_order():
    text = "张伟\u200b于2026年提交，账号12345678，备注abcdef。"
    pieces = highlighted(text)
    assert "".join(part for part, _suspicion in pieces) == text
    assert any(suspicion is not None for _part, suspicion in pieces)
