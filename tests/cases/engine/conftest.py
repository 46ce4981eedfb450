import pytest

from portal.sms import MemorySmsBackend
from tests.factories.cases import make_team


@pytest.fixture
def team(roles):
    return make_team()


@pytest.fixture
def sms_outbox(settings):
    settings.SMS_BACKEND = "portal.sms.MemorySmsBackend"
    MemorySmsBackend.outbox.clear()
    yield MemorySmsBackend.outbox
    MemorySmsBackend.outbox.clear()
