"""The Chinese back office has no English left (issue 13, item 5): the main pages, rendered in
zh-hans as the roles that work with them, show no untranslated interface text; and the project's
catalogues do not override Wagtail's own translations (the sidebar's "Pages" reads 页面)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
import wagtail
from django.conf import settings
from django.test import Client
from django.urls import reverse
from wagtail.models import Task, Workflow

from cases.admin_views.queues import queue_names_for
from directory.roles import sync_roles
from tests.portal.permission_world import build_world

# Proper nouns, codes and formats that stay in Latin letters in a Chinese interface.
ALLOWED_WORDS = {
    "api",
    "csv",
    "excel",
    "xlsx",
    "pdf",
    "png",
    "jpg",
    "zip",
    "sha",
    "totp",
    "url",
    "ip",
    "id",
    "ocds",
    "json",
    "wagtail",
    "office",
    "mb",
    "sms",
    "https",
    "http",
    "www",
    "gb",
    "utc",
    "cst",
    "ai",
    "ok",
}
SKIPPED_TAGS = {"script", "style", "template", "svg", "noscript", "code", "pre", "kbd", "samp"}
VISIBLE_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt", "value")
# An English word: two or more Latin letters (ignores codes like TS2026000001 and single letters).
ENGLISH_WORD = re.compile(r"(?<![A-Za-z0-9_\-./@])[A-Za-z]{2,}(?:'[a-z]+)?(?![A-Za-z0-9_\-/@])")


class VisibleText(HTMLParser):
    """Text a user reads: text nodes outside scripts and templates, and labelling attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skipping = 0
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED_TAGS:
            self.skipping += 1
            return
        if self.skipping:
            return
        attributes = dict(attrs)
        if tag == "input" and attributes.get("type") in ("hidden", "checkbox", "radio", "search", "text", "date"):
            attributes.pop("value", None)  # data, not interface text
        if tag == "option":
            attributes.pop("value", None)
        self.texts += [attributes[name] for name in VISIBLE_ATTRIBUTES if attributes.get(name)]

    def handle_endtag(self, tag):
        if tag in SKIPPED_TAGS and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping and data.strip():
            self.texts.append(data.strip())


def english_in(html: str, data_words: set[str]) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    found = []
    for text in parser.texts:
        words = [w for w in ENGLISH_WORD.findall(text) if w.lower() not in ALLOWED_WORDS and w not in data_words]
        if words:
            found.append(text[:120])
    return found


def main_pages(world) -> list[tuple[str, str]]:
    """(role, url) of the pages each role works in every day."""
    pages = []
    case_roles = ("office_intake", "office_supervisor", "department_head", "handler", "auditor")
    for role in case_roles:
        user = world.users[role]
        pages.append((role, reverse("wagtailadmin_home")))
        pages += [(role, reverse("cases_queue", args=[name])) for name in queue_names_for(user)]
        pages.append((role, reverse("cases_case", args=[world.case.pk])))
    pages += [
        ("office_intake", reverse("cases_intake")),
        ("office_supervisor", reverse("cases_extensions")),
        ("office_supervisor", reverse("cases_action", args=[world.case.pk, "issue_supervision_notice"])),
        ("handler", reverse("cases_action", args=[world.case.pk, "propose_decision"])),
        ("office_supervisor", reverse("publicity_disclosure:index")),
        ("office_supervisor", reverse("publicity_complaint_decisions")),
        ("office_supervisor", reverse("reporting_dashboard")),
        ("office_supervisor", reverse("cases_queue", args=["all"]) + "?q=没有这样的案件"),
        ("superuser", reverse("wagtailadmin_home")),
        ("superuser", reverse("wagtailadmin_reports:workflow")),
        ("inspection_manager", reverse("wagtailadmin_home")),
        ("inspection_manager", reverse("inspections_plan:index")),
        ("inspection_manager", reverse("inspections_inspection:index")),
        ("inspector", reverse("wagtailadmin_home")),
        ("inspector", reverse("inspections_inspection:index")),
    ]
    return pages


def words_of_the_data(world) -> set[str]:
    """Latin words that come from the data (user names, Wagtail's default workflow), not from the interface."""
    texts = [user.get_username() for user in world.users.values() if user is not None]
    texts += [user.email for user in world.users.values() if user is not None]
    texts += [workflow.name for workflow in Workflow.objects.all()] + [task.name for task in Task.objects.all()]
    return {word for text in texts for word in re.findall(r"[A-Za-z]+", text)}


@pytest.mark.django_db
def test_the_main_back_office_pages_show_no_english(django_capture_on_commit_callbacks):
    sync_roles()
    world = build_world(django_capture_on_commit_callbacks)
    data_words = words_of_the_data(world)
    clients = {}
    untranslated = []
    for role, url in main_pages(world):
        if role not in clients:
            clients[role] = Client()
            clients[role].force_login(world.users[role])
        response = clients[role].get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")
        assert response.status_code == 200, (role, url, response.status_code)
        untranslated += [f"{role} {url}: {text}" for text in english_in(response.content.decode(), data_words)]
    assert not untranslated, "English in the Chinese back office:\n" + "\n".join(untranslated)


def test_the_finder_catches_english():
    assert english_in("<p>No 案件 match your query</p><span>3 Pages</span>", set()) == [
        "No 案件 match your query",
        "3 Pages",
    ]
    assert english_in("<p>案件 TS2026000001 已导出为 Excel（CSV）</p><script>var x = 'Hello'</script>", set()) == []


# --- the project's catalogues and Wagtail's --------------------------------------------------------

def wagtail_translations() -> dict[tuple, set[str]]:
    root = Path(wagtail.__file__).parent
    translations: dict[tuple, set[str]] = {}
    for path in root.glob("**/locale/zh_Hans/LC_MESSAGES/django.po"):
        for entry in polib.pofile(str(path)):
            if entry.msgstr and not entry.obsolete:
                translations.setdefault((entry.msgctxt, entry.msgid), set()).add(entry.msgstr)
    return translations


def our_catalogues() -> list[tuple[str, Path]]:
    """(owner, path) of every zh_Hans catalogue of the project: each app's and the project-wide one."""
    catalogues = [
        (path.parents[3].name, path)
        for path in sorted(Path(settings.BASE_DIR).glob("*/locale/zh_Hans/LC_MESSAGES/django.po"))
    ]
    return catalogues + [("project", Path(p) / "zh_Hans/LC_MESSAGES/django.po") for p in settings.LOCALE_PATHS]


def translated_entries(path: Path):
    return [entry for entry in polib.pofile(str(path)) if entry.msgstr and not entry.obsolete]


def test_our_catalogues_do_not_override_wagtails_translations():
    # Django merges every catalogue into one: our wording for a msgid Wagtail translates would replace
    # Wagtail's on Wagtail's own screens. A different meaning gets a translation context (pgettext).
    theirs = wagtail_translations()
    overridden = [
        f"{path}: {entry.msgid!r} → {entry.msgstr} (Wagtail: {', '.join(theirs[key])})"
        for _owner, path in our_catalogues()
        for entry in translated_entries(path)
        if (key := (entry.msgctxt, entry.msgid)) in theirs and entry.msgstr not in theirs[key]
    ]
    assert not overridden, "Give these a translation context (pgettext):\n" + "\n".join(overridden)


def test_our_catalogues_agree_with_each_other():
    # The same rule between our own apps: only one catalogue's wording can win site-wide.
    wordings: dict[tuple, dict[str, list[str]]] = {}
    for owner, path in our_catalogues():
        for entry in translated_entries(path):
            wordings.setdefault((entry.msgctxt, entry.msgid), {}).setdefault(entry.msgstr, []).append(owner)
    disagreements = [
        f"{msgid!r} (context {context!r}): "
        + "; ".join(f"{msgstr} in {', '.join(owners)}" for msgstr, owners in by_wording.items())
        for (context, msgid), by_wording in wordings.items()
        if len(by_wording) > 1
    ]
    assert not disagreements, "Translated differently by two of our catalogues:\n" + "\n".join(disagreements)


@pytest.mark.django_db
def test_the_sidebar_reads_pages_as_wagtail_translates_it(roles, client):
    from tests.factories.directory import UserFactory

    client.force_login(UserFactory(username="t_root", is_superuser=True, is_staff=True))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    props = re.search(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S)
    sidebar = json.dumps(json.loads(props.group(1)), ensure_ascii=False)
    assert '"页面"' in sidebar and "分页" not in sidebar
