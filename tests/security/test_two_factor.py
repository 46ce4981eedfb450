"""Item 8: a second factor for office, department, inspection and audit roles on the Wagtail back
office and the Django admin, backup codes, the office's reset, idle timeout, password rules and
the account audit trail."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from directory import roles as role_list
from staffauth.models import AccountEvent
from tests.factories.cases import make_staff
from tests.factories.directory import DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def current_code(device) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def actions(user) -> list[str]:
    return list(AccountEvent.objects.filter(user=user).order_by("created_at", "pk").values_list("action", flat=True))


@pytest.fixture
def handler(roles):
    return make_staff(role_list.HANDLER, DepartmentFactory(code="ZJ"), username="handler2fa")


@pytest.fixture
def supervisor(roles):
    return make_staff(role_list.OFFICE_SUPERVISOR, DepartmentFactory(code="OFFICE"), username="supervisor2fa")


@pytest.mark.parametrize("role", [role_list.OFFICE_INTAKE, role_list.OFFICE_SUPERVISOR, role_list.DEPARTMENT_HEAD,
                                  role_list.HANDLER, role_list.GRID_SUPERVISOR, role_list.INSPECTOR,
                                  role_list.INSPECTION_MANAGER, role_list.AUDITOR])
def test_every_case_inspection_and_audit_role_is_sent_to_enrol(client, roles, role):
    user = UserFactory(roles=[role])
    client.force_login_without_second_factor(user)
    response = client.get("/admin/cases/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/two-factor/enrol/?next=%2Fadmin%2Fcases%2F")


def test_editors_use_the_back_office_without_a_second_factor(client, roles):
    editor = UserFactory(roles=[role_list.EDITOR])
    client.force_login_without_second_factor(editor)
    assert client.get("/admin/").status_code == 200


def test_the_second_step_page_gets_its_icons_and_translations_but_no_back_office_data(client, handler):
    """The second-step page loads the back office's icon sprite and JavaScript catalogue; sent to
    the second step instead, the sprite script pasted that whole page into itself a second time."""
    client.force_login_without_second_factor(handler)
    sprite = client.get(reverse("wagtailadmin_sprite"))
    assert sprite.status_code == 200 and "<svg" in sprite.content.decode()
    assert client.get(reverse("wagtailadmin_javascript_catalog")).status_code == 200
    assert client.get(reverse("wagtailadmin_home")).status_code == 302


def test_django_admin_needs_the_second_factor_too(client, roles):
    root = get_user_model().objects.create_superuser("root2fa", "r@example.cn", "pw-Strong-123456")
    client.force_login_without_second_factor(root)
    assert client.get("/django-admin/").status_code == 302
    client.force_login(root)  # the test helper passes the second step
    assert client.get("/django-admin/").status_code == 200


def test_enrolment_with_a_wrong_then_a_right_code(client, handler):
    client.force_login_without_second_factor(handler)
    page = client.get("/account/two-factor/enrol/?next=/admin/cases/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "data:image/svg+xml;base64," in html and "设置双因素认证" in html
    device = TOTPDevice.objects.get(user=handler, confirmed=False)

    wrong = client.post("/account/two-factor/enrol/", {"token": "000000", "next": "/admin/cases/"})
    assert wrong.status_code == 200
    assert "验证码不匹配" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302

    right = client.post("/account/two-factor/enrol/", {"token": current_code(device), "next": "/admin/cases/"})
    assert right.status_code == 302
    codes_page = client.get(right["Location"])
    codes = StaticDevice.objects.get(user=handler).token_set.values_list("token", flat=True)
    assert len(codes) == 10
    assert all(code in codes_page.content.decode() for code in codes)
    assert "/admin/cases/" in codes_page.content.decode()
    assert client.get("/admin/").status_code == 200
    # shown once only
    assert not any(code in client.get("/account/two-factor/backup-codes/").content.decode() for code in codes)
    assert actions(handler)[-3:] == ["otp_failed", "device_enrolled", "backup_codes_issued"]


def enrolled(user) -> tuple[TOTPDevice, list[str]]:
    device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    backup = StaticDevice.objects.create(user=user, name="backup", confirmed=True)
    codes = ["abcd2345", "efgh6789"]
    for code in codes:
        backup.token_set.create(token=code)
    return device, codes


def test_sign_in_asks_for_the_code_and_audits_everything(client, handler, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # django-otp otherwise delays the retry after a failure
    handler.set_password("Correct-Horse-2026")
    handler.save()
    device, _codes = enrolled(handler)
    failed = client.post("/admin/login/", {"username": "handler2fa", "password": "wrong"})
    assert failed.status_code == 200
    client.post("/admin/login/", {"username": "handler2fa", "password": "Correct-Horse-2026"})
    response = client.get("/admin/")
    assert response["Location"] == "/account/two-factor/verify/?next=%2Fadmin%2F"
    refused = client.post("/account/two-factor/verify/", {"token": "123456", "next": "/admin/"})
    assert "验证码无效" in refused.content.decode()
    accepted = client.post("/account/two-factor/verify/", {"token": current_code(device), "next": "/admin/"})
    assert accepted["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    client.post("/admin/logout/")
    assert AccountEvent.objects.filter(action="login_failed", username="handler2fa").exists()
    assert actions(handler) == ["login", "otp_failed", "otp_verified", "logout"]
    event = AccountEvent.objects.filter(user=handler, action="login").get()
    assert event.client_address == "127.0.0.1" and event.request_id


def test_a_backup_code_works_once(client, handler):
    _device, codes = enrolled(handler)
    client.force_login_without_second_factor(handler)
    assert client.post("/account/two-factor/verify/", {"token": codes[0].upper(), "next": "/admin/"}).status_code == 302
    assert client.get("/admin/").status_code == 200
    client.logout()
    client.force_login_without_second_factor(handler)
    again = client.post("/account/two-factor/verify/", {"token": codes[0], "next": "/admin/"})
    assert again.status_code == 200
    assert client.get("/admin/").status_code == 302


def test_new_backup_codes_replace_the_old_ones(client, handler):
    _device, codes = enrolled(handler)
    client.force_login(handler)
    response = client.post("/account/two-factor/backup-codes/")
    page = client.get(response["Location"]).content.decode()
    new_codes = list(StaticDevice.objects.get(user=handler).token_set.values_list("token", flat=True))
    assert len(new_codes) == 10 and not set(codes) & set(new_codes)
    assert all(code in page for code in new_codes)


def test_the_office_resets_a_lost_second_factor(client, handler, supervisor):
    enrolled(handler)
    client.force_login(supervisor)
    assert client.get("/admin/two-factor/reset/").status_code == 200
    missing_reason = client.post("/admin/two-factor/reset/", {"user": handler.pk, "reason": " "})
    assert missing_reason.status_code == 200
    assert TOTPDevice.objects.filter(user=handler).exists()
    done = client.post("/admin/two-factor/reset/", {"user": handler.pk, "reason": "手机丢失，本人到办公室核验身份"})
    assert done.status_code == 302
    assert not TOTPDevice.objects.filter(user=handler).exists()
    assert not StaticDevice.objects.filter(user=handler).exists()
    event = AccountEvent.objects.get(action="devices_reset")
    assert (event.user, event.actor, event.note) == (handler, supervisor, "手机丢失，本人到办公室核验身份")
    # the member enrols again at the next sign-in
    client.logout()
    client.force_login_without_second_factor(handler)
    assert client.get("/admin/")["Location"].startswith("/account/two-factor/enrol/")


def test_nobody_else_may_reset_nor_reset_themselves(client, handler, supervisor):
    from portal.errors import PermissionRefused
    from staffauth.services import reset_devices

    client.force_login(handler)
    refused = client.get("/admin/two-factor/reset/")
    assert refused.status_code == 302 and refused["Location"] == "/admin/"  # Wagtail's "no permission"
    assert client.post("/admin/two-factor/reset/", {"user": supervisor.pk, "reason": "x"}).status_code == 302
    assert not AccountEvent.objects.filter(action="devices_reset").exists()
    with pytest.raises(PermissionRefused):
        reset_devices(actor=supervisor, user=supervisor, reason="x")
    with pytest.raises(PermissionRefused):
        reset_devices(actor=handler, user=supervisor, reason="x")


def test_idle_back_office_sessions_end(client, handler, settings):
    settings.STAFF_IDLE_TIMEOUT_MINUTES = 30
    with time_machine.travel(dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.UTC), tick=False) as traveller:
        client.force_login(handler)
        assert client.get("/admin/").status_code == 200
        traveller.shift(dt.timedelta(minutes=20))
        assert client.get("/admin/").status_code == 200
        traveller.shift(dt.timedelta(minutes=31))
        response = client.get("/admin/cases/")
        assert response["Location"].startswith("/admin/login/")
        assert client.get("/admin/")["Location"].startswith("/admin/login/")
    assert "idle_timeout" in actions(handler)


def test_account_events_cannot_be_changed(handler):
    event = AccountEvent.objects.create(action="login", user=handler, username=handler.username)
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        AccountEvent.objects.filter(pk=event.pk).update(note="x")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
def test_account_events_are_protected_in_the_database(handler):
    from django.db import DatabaseError, transaction

    event = AccountEvent.objects.create(action="login", user=handler, username=handler.username)
    with pytest.raises(DatabaseError, match="pgtrigger"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE staffauth_accountevent SET note = 'x' WHERE id = %s", [event.pk])


@pytest.mark.parametrize("password", ["12345678", "password1234", "handler2fa-1", "short-Pw1"])
def test_weak_passwords_are_refused(handler, password):
    with pytest.raises(ValidationError):
        validate_password(password, user=handler)


def test_a_long_unusual_password_is_accepted(handler):
    validate_password("Tender-Lantern-Quarry-88", user=handler)


def test_the_back_office_login_page_labels_its_fields_in_chinese(client):
    page = client.get("/admin/login/").content.decode()
    assert "密码" in page and "用户名" in page
    assert ">Password<" not in page and "Password</label>" not in page
