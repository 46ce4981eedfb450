"""Issue 9, item 11: the permission matrix (tests/portal/permission_matrix.py) as tests. A URL
without a rule fails `test_every_url_has_a_rule`; see the matrix module on how to add one."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from directory.roles import COMPLAINANT, sync_roles
from tests.factories.directory import UserFactory
from tests.portal.permission_matrix import (
    DENIED,
    FAMILIES,
    LOGIN,
    MATRIX,
    MISSING,
    OK,
    POST_ONLY,
    PUBLIC_THIRD_PARTY,
    REDIRECT,
    ROLES,
)
from tests.portal.permission_world import build_world

PROJECT_PACKAGES = set(settings.PROJECT_APPS) | {"portal", "api", "accounts", "notifications"}
LOGIN_PATHS = ("/admin/login/", "/django-admin/login/", "/cases/account/login/")
# Third-party back-office pages meant for visitors who are not logged in yet.
OPEN_ADMIN_PAGES = re.compile(
    r"^(admin/(login|logout|password_reset|jsi18n|sprite)/|django-admin/(login|logout)/|admin/password_reset/)")


def all_routes():
    """(route, view module) of every URL pattern, as Django prints the route."""
    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern), getattr(pattern.callback, "__module__", "")

    return list(walk(get_resolver().url_patterns))


def needs_a_row(route, module):
    admin_app = re.match(r"django-admin/(\w+)/", route)
    return module.split(".")[0] in PROJECT_PACKAGES or bool(admin_app and admin_app.group(1) in PROJECT_PACKAGES)


def outcome(response):
    status = response.status_code
    if status == 200:
        return OK
    if status in (301, 302):
        location = response["Location"]
        if any(part in location for part in LOGIN_PATHS):
            return LOGIN
        # Wagtail answers a PermissionDenied in its admin with a redirect to the dashboard.
        if location.split("?")[0] == reverse("wagtailadmin_home"):
            return DENIED
        return REDIRECT
    return {403: DENIED, 404: MISSING, 405: POST_ONLY}.get(status, str(status))


def test_every_url_has_a_rule():
    routes = all_routes()
    missing = [route for route, module in routes if needs_a_row(route, module) and route not in MATRIX]
    unknown = [route for route, module in routes if not needs_a_row(route, module) and route not in MATRIX
               and not route.startswith(tuple(FAMILIES) + tuple(PUBLIC_THIRD_PARTY))]
    assert not missing, "URLs without a row in tests/portal/permission_matrix.py MATRIX:\n" + "\n".join(missing)
    assert not unknown, "Third-party URLs outside FAMILIES and PUBLIC_THIRD_PARTY:\n" + "\n".join(unknown)
    stale = set(MATRIX) - {route for route, _module in routes}
    assert not stale, f"Rows for URLs that no longer exist: {sorted(stale)}"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_matrix(role, django_capture_on_commit_callbacks):
    sync_roles()
    world = build_world(django_capture_on_commit_callbacks)
    def logged_in():
        client = Client(raise_request_exception=False)
        if world.users[role] is not None:
            client.force_login(world.users[role])
        return client

    client = logged_in()
    wrong = []
    for route, row in MATRIX.items():
        path = row.path(world)
        # A POST (log out, for one) gets a session of its own, so it cannot change the next rows.
        response = logged_in().post(path, row.data) if row.method == "post" else client.get(path)
        got, expected = outcome(response), row.expected(role)
        if got != expected:
            wrong.append(f"{route} ({row.method.upper()} {path}): expected {expected}, got {got}")
    assert not wrong, f"{role}:\n" + "\n".join(wrong)


def sample_path(route):
    """A concrete path for a route: 1 for numbers and ids, x for words; None when not derivable."""
    path = route.replace("^", "").replace("$", "")
    path = re.sub(r"<(int|path):\w+>", "1", path)
    path = re.sub(r"<(str|slug|uuid)?:?\w+>", "x", path)
    path = re.sub(r"\(\?P<\w+>[^)]*\)", "1", path)
    path = re.sub(r"\([^)]*\)", "1", path)
    return None if re.search(r"[\\()\[\]*+?|]", path) else "/" + path


@pytest.mark.django_db
def test_third_party_back_office_urls_refuse_anonymous_visitors_and_complainants(roles):
    complainant = Client(raise_request_exception=False)
    complainant.force_login(UserFactory(username="t_sweep_citizen", roles=[COMPLAINANT]))
    anonymous = Client(raise_request_exception=False)
    checked, open_pages = 0, []
    for route, _module in all_routes():
        if route in MATRIX or not route.startswith(tuple(FAMILIES)) or OPEN_ADMIN_PAGES.match(route):
            continue
        path = sample_path(route)
        if path is None:
            continue
        for who, client in (("anonymous", anonymous), ("complainant", complainant)):
            got = outcome(client.get(path))
            if got not in (LOGIN, DENIED, MISSING, POST_ONLY):
                open_pages.append(f"{route} ({path}) as {who}: {got}")
        checked += 1
    assert not open_pages, "\n".join(open_pages)
    assert checked > 300  # Wagtail's and Django's admin URLs, not an empty sweep
