"""Item 9: a Content-Security-Policy without inline exceptions on the public site and the back
office, pages that need none, the other security headers, and /healthz details for staff only."""

import json
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model

from tests.factories.cms import make_article, make_disclosure_index, make_home, make_section

pytestmark = pytest.mark.django_db

EXECUTABLE_SCRIPT_TYPES = {None, "", "text/javascript", "module", "application/javascript"}


class InlineCode(HTMLParser):
    """Collects what a strict policy would block: inline scripts, <style> blocks, style and
    on* attributes, javascript: URLs, unless the element carries this response's nonce."""

    def __init__(self, nonce):
        super().__init__()
        self.nonce, self.found, self._open_script = nonce, [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        nonced = self.nonce is not None and attrs.get("nonce") == self.nonce
        for name, value in attrs.items():
            if name.startswith("on") or name == "style":
                self.found.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value!r}>")
        if tag == "style" and not nonced:
            self.found.append("<style> without nonce")
        if tag == "script" and not attrs.get("src") and not nonced and attrs.get("type") in EXECUTABLE_SCRIPT_TYPES:
            self._open_script = ""

    def handle_data(self, data):
        if self._open_script is not None:
            self._open_script += data

    def handle_endtag(self, tag):
        if tag == "script" and self._open_script is not None:
            if self._open_script.strip():
                self.found.append(f"inline <script>: {self._open_script.strip()[:80]}")
            self._open_script = None


def policy(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def assert_strict(response):
    assert response.status_code == 200, response.status_code
    directives = policy(response)
    for directive in ("script-src", "style-src"):
        assert "'unsafe-inline'" not in directives[directive]
        assert "'unsafe-eval'" not in directives[directive]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'self'"]
    nonces = [s[len("'nonce-"):-1] for s in directives["script-src"] if s.startswith("'nonce-")]
    parser = InlineCode(nonces[0] if nonces else None)
    parser.feed(response.content.decode())
    assert parser.found == [], parser.found


@pytest.fixture
def site_pages():
    home = make_home(intro="依法受理公共资源交易投诉举报。")
    make_article(make_section(home), title="平台上线运行", slug="launch")
    make_disclosure_index(home)
    return home


@pytest.mark.parametrize("url", [
    "/", "/news/", "/news/launch/", "/disclosures/", "/cases/", "/cases/report/new/", "/cases/suggestion/new/",
    "/cases/track/",
    "/inspections/",
])
def test_public_pages_need_no_inline_code(client, site_pages, url):
    assert_strict(client.get(url))


@pytest.fixture
def superuser(roles):
    return get_user_model().objects.create_superuser("root", "root@example.cn", "pw-Strong-123456")


@pytest.mark.parametrize("url", [
    "/admin/", "/admin/pages/", "/admin/documents/", "/admin/images/", "/admin/users/",
    "/admin/reports/site-history/", "/admin/account/", "/admin/two-factor/reset/", "/django-admin/",
])
def test_back_office_pages_need_no_inline_code(client, site_pages, superuser, url):
    client.force_login(superuser)
    assert_strict(client.get(url))


def test_page_editor_needs_no_inline_code(client, site_pages, superuser):
    client.force_login(superuser)
    assert_strict(client.get(f"/admin/pages/{site_pages.pk}/edit/"))
    assert_strict(client.get(f"/admin/pages/add/cms/articlepage/{site_pages.get_children().first().pk}/"))


def test_date_pickers_start_from_a_static_script(client, site_pages, superuser):
    # Wagtail's own widget would print an inline <script>; the portal's marker replaces it.
    client.force_login(superuser)
    response = client.get(f"/admin/pages/{site_pages.pk}/edit/")
    html = response.content.decode()
    assert 'data-portal-chooser="initDateTimeChooser"' in html
    assert "portal/admin-widgets.js" in html


def test_security_headers_stay(client, site_pages):
    response = client.get("/", secure=True)
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_healthz_shows_only_a_bare_status_to_outsiders(client):
    response = client.get("/healthz", HTTP_ACCEPT="application/json", REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert "Database" not in response.content.decode()


def test_healthz_shows_details_to_staff_from_outside(client, superuser):
    client.force_login(superuser)
    response = client.get("/healthz", HTTP_ACCEPT="application/json", REMOTE_ADDR="203.0.113.7")
    assert any(check.startswith("Database") for check in json.loads(response.content))


def test_healthz_shows_details_on_the_machine_itself(client):
    response = client.get("/healthz", HTTP_ACCEPT="application/json", REMOTE_ADDR="127.0.0.1")
    assert any(check.startswith("Database") for check in json.loads(response.content))


def test_healthz_bare_status_reports_failure(client, settings):
    from portal.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = False
    old_url = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    try:
        response = client.get("/healthz", REMOTE_ADDR="203.0.113.7")
    finally:
        app.conf.broker_url = old_url
    assert response.status_code == 500
    assert response.content == b"unavailable"
