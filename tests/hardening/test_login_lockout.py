"""Issue 9, item 5: a login lockout holds one account from one address, never a whole address."""

import pytest
from django.test import Client
from django.urls import reverse

from directory.roles import COMPLAINANT, OFFICE_INTAKE
from tests.factories.cases import make_staff
from tests.factories.directory import DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db

OFFICE_ADDRESS = "203.0.113.10"
HOME_ADDRESS = "198.51.100.20"


def client_at(address):
    return Client(REMOTE_ADDR=address)


def fail_until_locked(client, url, username, limit):
    responses = [client.post(url, {"username": username, "password": "wrong-password"}) for _ in range(limit)]
    return responses[-1]


def test_public_login_locks_the_account_only_from_the_address_that_failed(roles, settings):
    UserFactory(username="attacked", password="right-pass-1", roles=[COMPLAINANT])
    UserFactory(username="colleague", password="right-pass-2", roles=[COMPLAINANT])
    url = reverse("accounts:login")
    locked = fail_until_locked(client_at(OFFICE_ADDRESS), url, "attacked", settings.AXES_FAILURE_LIMIT)
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "密码已连续输错" in page and "只锁定此账号在当前网络的登录" in page
    # The same account from that address stays locked, even with the right password.
    assert client_at(OFFICE_ADDRESS).post(url, {"username": "attacked", "password": "right-pass-1"}).status_code == 429
    # Everyone else behind the same address still logs in.
    colleague = client_at(OFFICE_ADDRESS).post(url, {"username": "colleague", "password": "right-pass-2"})
    assert colleague.status_code == 302
    # The rightful user still logs in from another network.
    owner = client_at(HOME_ADDRESS).post(url, {"username": "attacked", "password": "right-pass-1"})
    assert owner.status_code == 302


def test_back_office_login_holds_for_other_staff_behind_the_same_address(roles, settings):
    office = DepartmentFactory(code="OFFICE")
    make_staff(OFFICE_INTAKE, office, username="intake_a").set_password("staff-pass-a")
    staff_b = make_staff(OFFICE_INTAKE, office, username="intake_b")
    staff_b.set_password("staff-pass-b")
    staff_b.save()
    url = reverse("wagtailadmin_login")
    locked = fail_until_locked(client_at(OFFICE_ADDRESS), url, "intake_a", settings.AXES_FAILURE_LIMIT)
    assert locked.status_code == 429 and "密码已连续输错" in locked.content.decode()
    response = client_at(OFFICE_ADDRESS).post(url, {"username": "intake_b", "password": "staff-pass-b"})
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def test_failures_spread_over_accounts_lock_none_of_them(roles, settings):
    UserFactory(username="someone", password="right-pass-3", roles=[COMPLAINANT])
    client = client_at(OFFICE_ADDRESS)
    url = reverse("accounts:login")
    for n in range(settings.AXES_FAILURE_LIMIT + 2):
        client.post(url, {"username": f"guess{n}", "password": "wrong-password"})
    assert client.post(url, {"username": "someone", "password": "right-pass-3"}).status_code == 302
