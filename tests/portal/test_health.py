import json

import pytest

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_cache_and_broker(client):
    response = client.get("/healthz", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    body = json.loads(response.content)
    assert set(body) == {"Database", "Cache", "Broker"} or len(body) == 3, body
    assert all(value == "OK" or value.startswith("OK") for value in body.values()), body


def test_healthz_reports_an_unreachable_broker(client, settings):
    from portal.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = False
    old_url = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    try:
        response = client.get("/healthz", HTTP_ACCEPT="application/json")
    finally:
        app.conf.broker_url = old_url
    body = json.loads(response.content)
    assert response.status_code == 500
    assert any(key.startswith("Broker") and value != "OK" for key, value in body.items()), body
