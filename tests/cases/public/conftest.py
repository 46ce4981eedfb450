import pytest
from captcha.conf import settings as captcha_settings

from directory import roles as directory_roles
from portal.sms import MemorySmsBackend
from tests.factories.cases import make_team
from tests.factories.directory import UserFactory


@pytest.fixture
def team(roles):
    return make_team()


@pytest.fixture(autouse=True)
def captcha_test_mode(monkeypatch):
    # django-simple-captcha reads its settings once at import: "PASSED" is accepted in tests.
    monkeypatch.setattr(captcha_settings, "CAPTCHA_TEST_MODE", True)


@pytest.fixture(autouse=True)
def sms_outbox(settings):
    settings.SMS_BACKEND = "portal.sms.MemorySmsBackend"
    MemorySmsBackend.outbox.clear()
    yield MemorySmsBackend.outbox
    MemorySmsBackend.outbox.clear()


@pytest.fixture
def complainant(roles):
    return UserFactory(username="13800138000", first_name="张伟", email="", roles=[directory_roles.COMPLAINANT])


@pytest.fixture
def complainant_client(client, complainant):
    client.force_login(complainant)
    return client


CAPTCHA = {"captcha_0": "anything", "captcha_1": "PASSED"}
