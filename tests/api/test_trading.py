"""POST /api/v1/trading/releases/: OCDS releases through the monitoring importer and its job."""

import json

import pytest
from django.test import override_settings

from api.models import Scope
from directory.models import TradingProject
from monitoring.models import TradingImport
from tests.factories.api import bearer, make_client
from tests.factories.directory import make_credit_code
from tests.factories.ocds import package, release

pytestmark = pytest.mark.django_db
URL = "/api/v1/trading/releases/"
A, B = make_credit_code(1), make_credit_code(2)


def body(*releases):
    return json.loads(package(list(releases)))


@pytest.fixture
def platform(team):
    return make_client(department=team.office, acts_as=team.supervisor, scopes=[Scope.PUSH_TRADING_DATA],
                       name="市公共资源交易平台")


def test_push_is_imported_once_and_recorded_with_the_client(api, team, platform):
    client, token = platform
    first = api.post(URL, body(release(1, bidders=[(A, "950000"), (B, "980000")], winner=A)), format="json",
                     **bearer(token))
    assert first.status_code == 201, first.content
    report = first.json()["report"]
    assert report["committed"] and report["rows_imported"] == 1
    project = TradingProject.objects.get(code="T-2026-000001")
    assert project.award.winner.code == A and project.department == team.department
    job = TradingImport.objects.get(pk=first.json()["id"])
    assert job.requested_by == team.supervisor and client.name in job.original_name
    again = api.post(URL, body(release(1, bidders=[(A, "950000"), (B, "980000")], winner=A)), format="json",
                     **bearer(token))
    assert again.status_code == 201 and again.json()["report"]["rows_unchanged"] == 1
    assert TradingProject.objects.filter(code="T-2026-000001").count() == 1
    polled = api.get(first.json()["url"], **bearer(token))
    assert polled.status_code == 200 and polled.json()["state"] == "succeeded"


def test_a_bad_release_imports_nothing_and_says_why(api, platform):
    _client, token = platform
    bad = release(2)
    bad["date"] = "not a date"
    response = api.post(URL, body(release(1), bad), format="json", **bearer(token))
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
    assert "ocds-test-000002" in response.json()["errors"]["releases"][0]
    assert not TradingProject.objects.exists()
    empty = api.post(URL, {"releases": []}, format="json", **bearer(token))
    assert empty.status_code == 400 and "releases" in empty.json()["errors"]


@override_settings(API_RELEASES_INLINE_LIMIT=1)
def test_a_large_batch_runs_as_a_task_to_poll(api, platform, django_capture_on_commit_callbacks):
    _client, token = platform
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = api.post(URL, body(release(1), release(2)), format="json", **bearer(token))
    assert response.status_code == 202 and response.json()["state"] == "queued"
    assert not TradingProject.objects.exists()
    for callback in queued:  # the worker runs the queued task
        callback()
    polled = api.get(response.json()["url"], **bearer(token)).json()
    assert polled["state"] == "succeeded" and polled["report"]["rows_imported"] == 2


def test_only_clients_with_the_scope_and_the_import_permission(api, team):
    _filer, filer_token = make_client(department=team.office, scopes=[Scope.FILE_CASES])
    assert api.post(URL, body(release(1)), format="json", **bearer(filer_token)).status_code == 403
    _handler, handler_token = make_client(department=team.department, acts_as=team.handler,
                                          scopes=[Scope.PUSH_TRADING_DATA])
    refused = api.post(URL, body(release(1)), format="json", **bearer(handler_token))
    assert refused.status_code == 403  # the account may not import trading data in the back office either
    assert api.post(URL, body(release(1)), format="json").status_code == 401
    assert not TradingProject.objects.exists()
