import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from accounts import verification
from directory.roles import COMPLAINANT
from tests.accounts.conftest import CAPTCHA
from tests.factories.directory import UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


def register(client, **overrides):
    data = {
        "full_name": "张伟",
        "channel": "phone",
        "phone": "138 0013 8000",
        "email": "",
        "password1": "Zheng-yi-2026",
        "password2": "Zheng-yi-2026",
        **CAPTCHA,
        **overrides,
    }
    return client.post(reverse("accounts:register"), data)


def sent_code(sms_outbox) -> str:
    return re.search(r"\d{6}", sms_outbox[-1][1]).group()


def test_register_with_phone_then_verify(client, roles, sms_outbox):
    response = register(client)
    assert response.status_code == 302 and response["Location"] == reverse("accounts:register_verify")
    assert sms_outbox[-1][0] == "13800138000"
    assert not User.objects.filter(username="13800138000").exists()  # not before verification
    page = client.get(reverse("accounts:register_verify")).content.decode()
    assert "138****8000" in page

    wrong = client.post(
        reverse("accounts:register_verify"), {"code": "000000" if sent_code(sms_outbox) != "000000" else "111111"}
    )
    assert "code" in wrong.context["form"].errors
    response = client.post(reverse("accounts:register_verify"), {"code": sent_code(sms_outbox)})
    assert response.status_code == 302 and response["Location"] == reverse("cases:my_cases")
    user = User.objects.get(username="13800138000")
    assert user.first_name == "张伟" and user.check_password("Zheng-yi-2026")
    assert user.groups.filter(name=COMPLAINANT.group_name).exists()
    assert client.get(reverse("cases:my_cases")).status_code == 200  # logged in


def test_register_with_email(client, roles):
    response = register(client, channel="email", phone="", email="Zhang.Wei@Example.cn")
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["zhang.wei@example.cn"]
    code = re.search(r"\d{6}", mail.outbox[-1].body).group()
    client.post(reverse("accounts:register_verify"), {"code": code})
    user = User.objects.get(email="zhang.wei@example.cn")
    assert user.groups.filter(name=COMPLAINANT.group_name).exists()


def test_registration_errors(client, roles):
    UserFactory(username="13900000000")
    response = register(client, phone="13900000000", password2="different-pass-1", captcha_1="WRONG")
    errors = response.context["form"].errors
    assert {"phone", "password2", "captcha"} <= set(errors)
    response = register(client, phone="12345", password1="12345678", password2="12345678")
    errors = response.context["form"].errors
    assert "phone" in errors and "password1" in errors
    assert 'value="张伟"' in response.content.decode()  # kept


def test_code_expires_and_attempts_are_limited(client, roles, sms_outbox):
    register(client)
    real = sent_code(sms_outbox)
    wrong = "123456" if real != "123456" else "654321"
    for _attempt in range(verification.MAX_ATTEMPTS - 1):
        response = client.post(reverse("accounts:register_verify"), {"code": wrong})
        assert "还可以再试" in response.content.decode() or "more tries" in response.content.decode()
    response = client.post(reverse("accounts:register_verify"), {"code": wrong})
    # The last allowed wrong try burns the code: even the right one no longer works.
    response = client.post(reverse("accounts:register_verify"), {"code": real})
    assert not User.objects.filter(username="13800138000").exists()
    assert "code" in response.context["form"].errors


def test_expired_code(client, roles, sms_outbox):
    register(client)
    real = sent_code(sms_outbox)
    cache.clear()  # what the TTL does after 10 minutes
    response = client.post(reverse("accounts:register_verify"), {"code": real})
    assert "code" in response.context["form"].errors and not User.objects.filter(username="13800138000").exists()


def test_resend_waits_a_minute(client, roles, sms_outbox):
    register(client)
    response = client.post(reverse("accounts:register_verify"), {"resend": "1"})
    assert len(sms_outbox) == 1
    assert any("60" in str(message) for message in response.context["messages"])


def test_verify_without_registration_goes_back(client):
    response = client.get(reverse("accounts:register_verify"))
    assert response["Location"] == reverse("accounts:register")


def test_login_with_phone_email_or_username(client, roles):
    UserFactory(username="13700001111", email="", password="pw-123456", roles=[COMPLAINANT])
    UserFactory(username="bidder", email="bidder@example.cn", password="pw-123456", roles=[COMPLAINANT])
    for identifier in ("137 0000 1111", "+86 13700001111", "BIDDER@example.cn", "bidder"):
        client.logout()
        response = client.post(reverse("accounts:login"), {"username": identifier, "password": "pw-123456"})
        assert response.status_code == 302 and response["Location"] == reverse("cases:my_cases"), identifier


def test_login_redirects_back_to_the_complaint_form(client, roles):
    UserFactory(username="bidder", password="pw-123456", roles=[COMPLAINANT])
    start = client.get(reverse("cases:complaint_new"))
    login_url = start["Location"]
    assert "next=" in login_url
    page = client.get(login_url).content.decode()
    assert "举报" in page  # tells anonymous visitors that reports need no account
    response = client.post(
        login_url, {"username": "bidder", "password": "pw-123456", "next": reverse("cases:complaint_new")}
    )
    assert response["Location"] == reverse("cases:complaint_new")


def test_wrong_password_then_lockout(client, roles, settings):
    UserFactory(username="bidder", password="pw-123456", roles=[COMPLAINANT])
    response = client.post(reverse("accounts:login"), {"username": "bidder", "password": "nope"})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(reverse("accounts:login"), {"username": "bidder", "password": "nope"})
    assert response.status_code == 429
    assert "锁定" in response.content.decode()
    # Even the right password is refused while locked.
    response = client.post(reverse("accounts:login"), {"username": "bidder", "password": "pw-123456"})
    assert response.status_code == 429


def test_password_reset_with_a_code(client, roles, sms_outbox):
    UserFactory(username="13700001111", email="", password="old-pass-123", roles=[COMPLAINANT])
    start = client.post(reverse("accounts:password_reset"), {"contact": "137-0000-1111", **CAPTCHA})
    assert start["Location"] == reverse("accounts:password_reset_verify")
    url = reverse("accounts:password_reset_verify")
    wrong = client.post(
        url,
        {
            "code": "000000" if sent_code(sms_outbox) != "000000" else "111111",
            "password1": "New-pass-2026",
            "password2": "New-pass-2026",
        },
    )
    assert "code" in wrong.context["form"].errors
    response = client.post(
        url, {"code": sent_code(sms_outbox), "password1": "New-pass-2026", "password2": "New-pass-2026"}
    )
    assert response["Location"] == reverse("accounts:login")
    login = client.post(reverse("accounts:login"), {"username": "13700001111", "password": "New-pass-2026"})
    assert login.status_code == 302


def test_password_reset_does_not_reveal_unknown_accounts(client, roles, sms_outbox):
    response = client.post(reverse("accounts:password_reset"), {"contact": "13911112222", **CAPTCHA})
    assert response["Location"] == reverse("accounts:password_reset_verify") and sms_outbox == []
    response = client.post(
        reverse("accounts:password_reset_verify"),
        {"code": "123456", "password1": "New-pass-2026", "password2": "New-pass-2026"},
    )
    assert "code" in response.context["form"].errors


def test_logout_leads_to_the_page_cases_registered(client, roles):
    # accounts does not know the complaint pages; cases registers them (accounts.hooks).
    client.force_login(UserFactory(username="13800138000", roles=[COMPLAINANT]))
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302 and response["Location"] == reverse("cases:start")
    assert client.get(reverse("cases:my_cases"))["Location"].startswith(reverse("accounts:login"))


def test_too_many_registrations_from_one_address_are_refused(client, roles):
    from accounts.views import RATES

    limit = int(RATES["register"].split("/")[0])
    for number in range(limit):
        register(client, phone=f"1380013{number:04d}")
    response = register(client, phone="13900139000")
    assert response.status_code == 429
    assert "尝试次数过多" in response.content.decode()
