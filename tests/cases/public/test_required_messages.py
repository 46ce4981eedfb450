"""A missing answer on a public form says which field it is, in plain Chinese (issue 13 item 14):
"请填写联系电话。", never Django's generic "这个字段是必填项。"."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

GENERIC = "这个字段是必填项。"


def errors_of(response) -> dict[str, list[str]]:
    assert response.status_code == 200  # the form comes back with its errors
    return {name: [str(e) for e in errors] for name, errors in response.context["form"].errors.items()}


def test_empty_complaint_names_every_missing_field(complainant_client):
    response = complainant_client.post(reverse("cases:complaint_new"), {"filer_type": "person", "filer_name": ""})
    errors = errors_of(response)
    assert errors["filer_name"] == ["请填写姓名或单位名称。"]
    assert errors["filer_phone"] == ["请填写联系电话。"]
    assert errors["title"] == ["请填写标题。"]
    assert errors["facts"] == ["请填写事实和理由。"]
    assert errors["matter_type"] == ["请选择投诉事项。"]  # a list: chosen, not typed
    body = response.content.decode()
    assert "请填写联系电话。" in body and GENERIC not in body


def test_empty_anonymous_report_names_its_fields_and_the_captcha(client):
    errors = errors_of(client.post(reverse("cases:report_new"), {"identity": "anonymous"}))
    assert errors["title"] == ["请填写标题。"]
    assert errors["facts"] == ["请填写举报内容。"]
    assert errors["captcha"] == ["请填写验证码。"]
    assert GENERIC not in str(errors)


def test_empty_suggestion_and_tracking_forms_name_their_fields(client):
    errors = errors_of(client.post(reverse("cases:suggestion_new"), {}))
    assert errors["filer_name"] == ["请填写您的姓名。"] and errors["facts"] == ["请填写意见建议内容。"]
    errors = errors_of(client.post(reverse("cases:track"), {"number": "", "access_code": ""}))
    assert errors["number"] == ["请填写案件编号。"] and errors["access_code"] == ["请填写查询码。"]


def test_the_message_follows_the_language(client):
    client.cookies["django_language"] = "en"
    errors = errors_of(client.post(reverse("cases:track"), {"number": ""}, HTTP_ACCEPT_LANGUAGE="en"))
    assert errors["number"] == ["Please fill in Case number."]
