"""The OpenAPI schema at /api/schema/, the docs without CDN, and a bounded schemathesis run: no
server error and no response that breaks the schema (status, content type, body)."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis import checks
from schemathesis.specs.openapi import checks as openapi_checks

from api.models import Scope
from tests.factories.api import make_client
from tests.factories.cases import CaseFactory, make_team
from tests.factories.publicity import DisclosureFactory

application = get_wsgi_application()
schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
CHECKS = [checks.not_a_server_error, openapi_checks.status_code_conformance,
          openapi_checks.content_type_conformance, openapi_checks.response_schema_conformance]


@pytest.fixture
def keep_test_connection():
    """The WSGI app closes the database connection at the end of each request; in a test that
    would close the test's transaction. Django's own test client disconnects the same handler."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def auth_header(roles, keep_test_connection):
    team = make_team()
    CaseFactory()
    DisclosureFactory(title="关于道路改造工程投诉的处理决定")
    _client, token = make_client(department=team.office, acts_as=team.supervisor, scopes=list(Scope.values))
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=8, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.filter_too_much])
def test_api_conforms_to_its_schema(case, auth_header):
    case.call_and_validate(headers=auth_header, checks=CHECKS)


def test_schema_and_docs_are_served_without_a_cdn(client):
    schema_response = client.get("/api/schema/?format=json")
    assert schema_response.status_code == 200
    paths = schema_response.json()["paths"]
    assert {"/api/v1/cases/", "/api/v1/cases/track/", "/api/v1/disclosures/", "/api/v1/draws/{number}/",
            "/api/v1/statistics/quarters/{period}/", "/api/v1/cases/{number}/transitions/{name}/"} <= set(paths)
    assert not any(path.startswith("/admin/") for path in paths)
    docs = client.get("/api/docs/").content.decode()
    assert "swagger-ui" in docs and "cdn" not in docs.lower() and "/static/drf_spectacular_sidecar/" in docs


@pytest.mark.django_db
def test_unknown_api_paths_answer_with_a_problem(client):
    response = client.get("/api/v1/nothing-here/")
    assert response.status_code == 404 and response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"] == "此地址没有接口。"
