"""General API limits: per client and per anonymous address, with Retry-After."""

import pytest

from api.models import Scope
from api.throttling import AnonymousRateThrottle, ClientRateThrottle
from tests.factories.api import bearer, make_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def low_limits(monkeypatch):
    rates = {"client": "3/min", "anonymous": "2/min"}
    monkeypatch.setattr(ClientRateThrottle, "THROTTLE_RATES", rates)
    monkeypatch.setattr(AnonymousRateThrottle, "THROTTLE_RATES", rates)


def test_anonymous_readers_are_limited_per_address(api, low_limits, roles):
    assert [api.get("/api/v1/disclosures/").status_code for _ in range(2)] == [200, 200]
    throttled = api.get("/api/v1/disclosures/")
    assert throttled.status_code == 429 and 0 < int(throttled["Retry-After"]) <= 60
    assert throttled.json()["title"] == "请求过于频繁"
    assert api.get("/api/v1/disclosures/", REMOTE_ADDR="198.51.100.7").status_code == 200


def test_clients_are_limited_per_client(api, low_limits, team):
    _one, token = make_client(department=team.department, acts_as=team.handler, scopes=[Scope.READ_CASES])
    _two, other = make_client(department=team.department, acts_as=team.handler, scopes=[Scope.READ_CASES])
    assert [api.get("/api/v1/cases/", **bearer(token)).status_code for _ in range(3)] == [200] * 3
    throttled = api.get("/api/v1/cases/", **bearer(token))
    assert throttled.status_code == 429 and int(throttled["Retry-After"]) > 0
    assert api.get("/api/v1/cases/", **bearer(other)).status_code == 200
