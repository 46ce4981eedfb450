"""Integration clients in the Wagtail back office: the token is shown once and stored hashed."""

import hashlib
import re

import pytest
from django.urls import reverse

from api.models import IntegrationClient, Scope
from tests.factories.api import bearer

pytestmark = pytest.mark.django_db


def form_data(team, **overrides):
    data = {"name": "市公共资源交易平台", "department": team.office.pk, "acts_as": team.intake.pk,
            "scopes": [Scope.FILE_CASES, Scope.READ_CASES], "allowed_networks": "10.0.0.0/8",
            "expires_at": "2030-12-31 18:00", "is_active": "on"}
    data.update(overrides)
    return data


def shown_token(response) -> str:
    return re.search(r'<code id="api-token"[^>]*>([^<]+)</code>', response.content.decode())[1]


def test_creating_a_client_shows_its_token_once(client, team, api):
    client.force_login(team.supervisor)
    assert client.get(reverse("api_client:index")).status_code == 200
    response = client.post(reverse("api_client:add"), form_data(team))
    assert response.status_code == 200 and "只显示这一次" in response.content.decode()
    token = shown_token(response)
    created = IntegrationClient.objects.get(name="市公共资源交易平台")
    assert created.token_hash == hashlib.sha256(token.encode()).hexdigest() and token not in str(created.__dict__)
    assert "no-store" in response["Cache-Control"]
    assert api.get("/api/v1/cases/", REMOTE_ADDR="10.2.3.4", **bearer(token)).status_code == 200
    # The edit page never shows it again; a new token replaces the old one.
    edit = client.get(reverse("api_client:edit", args=[created.pk])).content.decode()
    assert token not in edit and "签发新令牌" in edit
    rotated = client.post(reverse("api_client_rotate", args=[created.pk]))
    new_token = shown_token(rotated)
    assert new_token != token
    assert api.get("/api/v1/cases/", REMOTE_ADDR="10.2.3.4", **bearer(token)).status_code == 401
    assert api.get("/api/v1/cases/", REMOTE_ADDR="10.2.3.4", **bearer(new_token)).status_code == 200


def test_bad_input_is_explained_in_chinese(client, team):
    client.force_login(team.supervisor)
    response = client.post(reverse("api_client:add"), form_data(
        team, acts_as=team.handler.pk, allowed_networks="10.0.0.300"))
    html = response.content.decode()
    assert response.status_code == 200 and not IntegrationClient.objects.exists()
    assert "工作人员账号必须属于客户端所属部门。" in html and "请输入IP地址或网段" in html


def test_only_the_office_supervisor_manages_clients(client, team):
    client.force_login(team.handler)
    assert client.get(reverse("api_client:add")).status_code in (302, 403)
    assert client.post(reverse("api_client:add"), form_data(team)).status_code in (302, 403)
    assert not IntegrationClient.objects.exists()
