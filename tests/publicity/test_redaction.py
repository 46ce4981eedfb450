"""Redaction on realistic Chinese complaint and penalty texts."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from publicity.redaction import mask_name, redact

DECISION = (
    "投诉人：张伟（身份证号：330106198503071234，联系电话：13812345678，电子邮箱：zhangwei@163.com），"
    "委托代理人：李晓明，联系电话0571-87654321。被投诉人：浙江宏达建设工程有限公司，统一社会信用代码"
    "91330100MA2H3K4L5X，法定代表人王建国。投诉人称，西湖区道路改造工程评标过程中评标专家欧阳娜娜"
    "存在倾向性评分。经调查，张伟反映的问题部分属实。承办人：赵磊。"
)


def test_decision_text_masks_every_personal_detail_and_keeps_the_company():
    text = redact(DECISION, personal_values=["张伟", "李晓明", "王建国", "欧阳娜娜", "赵磊"],
                  protected=["浙江宏达建设工程有限公司"])
    for secret in ("张伟", "李晓明", "王建国", "欧阳娜娜", "赵磊", "330106", "1234", "138", "5678", "zhangwei",
                   "163.com", "0571", "87654321"):
        assert secret not in text
    # No fragment of an ID number and no phone number, not even masked.
    assert "投诉人：张某（身份证号：***，联系电话：***，电子邮箱：***）" in text
    assert "委托代理人：李某某，联系电话***。" in text
    assert "法定代表人王某某" in text and "评标专家欧阳某某" in text and "承办人：赵某" in text
    assert "经调查，张某反映的问题部分属实" in text
    # Organisations are legal entities: name and credit code stay public.
    assert "被投诉人：浙江宏达建设工程有限公司" in text
    assert "91330100MA2H3K4L5X" in text


@pytest.mark.parametrize(
    ("name", "masked"),
    [("张伟", "张某"), ("李晓明", "李某某"), ("欧阳娜娜", "欧阳某某"), ("司马光", "司马某"), ("王", "王某")],
)
def test_names_keep_only_the_surname(name, masked):
    assert mask_name(name) == masked


def test_labelled_names_are_masked_without_being_listed():
    text = redact("举报人：陈小红，联系人: 刘洋；项目经理：孙杰。")
    assert text == "举报人：陈某某，联系人: 刘某；项目经理：孙某。"


def test_labelled_organisations_are_not_mistaken_for_people():
    text = redact("投诉人：浙江鼎盛建筑工程有限公司。申请人：市交通局。被举报人：华建公司。")
    assert text == "投诉人：浙江鼎盛建筑工程有限公司。申请人：市交通局。被举报人：华建公司。"


def test_known_name_inside_an_organisation_name_is_left_alone():
    text = redact("杭州华建科技有限公司的股东华建与投标人串通。", personal_values=["华建"],
                  protected=["杭州华建科技有限公司"])
    assert text == "杭州华建科技有限公司的股东华某与投标人串通。"


def test_mobile_numbers_in_common_spellings_are_removed_whole():
    assert redact("电话 138 1234 5678") == "电话 ***"
    assert redact("电话138-1234-5678") == "电话***"
    assert redact("+8615912345678") == "***"


def test_id_numbers_leave_no_fragment():
    assert redact("身份证330106198503071234。") == "身份证***。"
    assert redact("身份证号33010619850307123X") == "身份证号***"
    assert redact("旧证号330106850307123") == "旧证号***"


def test_credit_codes_amounts_and_dates_are_not_personal_data():
    text = "信用代码91330100123456789K，罚款人民币50000元，2026年3月12日，项目编号ZJ-2026-001，合同金额12345678.00元。"
    assert redact(text) == text


def test_a_bank_account_is_removed_even_without_a_birth_date():
    assert redact("账号622202120000888812") == "账号***"
    assert redact("转入622202120000888812") == "转入***"


def test_empty_text():
    assert redact("") == ""


@given(st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True))
def test_every_mobile_number_is_removed(number):
    assert redact(f"电话：{number}。") == "电话：***。"
