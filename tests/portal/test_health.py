import json

import pytest

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_cache_and_broker(client):
    response = client.get("/healthz", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    body = json.loads(response.content)
    assert set(body) == {"Database", "Cache", "Broker"} or len(body) == 3, body
    assert all(value == "OK" or value.startswith("OK") for value in body.values()), body
