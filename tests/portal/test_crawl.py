"""Crawl the demo's public site as an anonymous visitor in both languages and look for personal
data (issue 16): every page, feed, export and draw file reachable from the home page is fetched,
and none may contain a personal value the database holds, nor anything shaped like a mobile
number or a resident ID number, masked or not."""

import io
import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from stdnum.cn import ric

from cases.models import Case, FilerType
from directory.models import StaffProfile
from inspections.models import Inspector

pytestmark = pytest.mark.django_db

NOT_CRAWLED = ("/admin/", "/django-admin/", "/i18n/", "/static/", "/media/", "/documents/", "/captcha/")
MAX_URLS_PER_LANGUAGE = 600

MOBILE = re.compile(r"(?<![0-9A-Za-z])(?:\+?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?![0-9A-Za-z])")
MASKED_MOBILE = re.compile(r"(?<![0-9A-Za-z])1[3-9*]\d?[*＊]{3,}\d{3,4}(?![0-9A-Za-z])")
ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
MASKED_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d{3,6}[*＊]{6,}[\dXx*]{2,4}(?![0-9A-Za-z])")


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and ((tag == "a" and name == "href") or (tag == "link" and name == "href"
                                                               and dict(attrs).get("rel") == "alternate")):
                self.links.append(value)


def response_text(response) -> str:
    content_type = response.get("Content-Type", "")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if "spreadsheetml" in content_type:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(body), read_only=True)
        return "\n".join(" ".join("" if cell is None else str(cell) for cell in row)
                         for sheet in book.worksheets for row in sheet.iter_rows(values_only=True))
    return body.decode("utf-8", errors="replace")


def crawl(language: str) -> dict[str, str]:
    client = Client()
    client.cookies["django_language"] = language
    seen, pages, queue = {"/"}, {}, deque(["/"])
    while queue and len(pages) < MAX_URLS_PER_LANGUAGE:
        path = queue.popleft()
        response = client.get(path)
        if response.status_code in (301, 302):
            target = urlsplit(urljoin(path, response["Location"]))
            follow = target.path + (f"?{target.query}" if target.query else "")
            local = target.netloc in ("", "testserver")
            if local and follow not in seen and not follow.startswith(NOT_CRAWLED):
                seen.add(follow)
                queue.append(follow)
            continue
        assert response.status_code == 200, (language, path, response.status_code)
        text = response_text(response)
        pages[path] = text
        if "html" not in response.get("Content-Type", ""):
            continue
        parser = LinkParser()
        parser.feed(text)
        for link in parser.links:
            url, _fragment = urldefrag(urljoin(path, link))
            parts = urlsplit(url)
            if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
                continue
            local = parts.path + (f"?{parts.query}" if parts.query else "")
            if local not in seen and not local.startswith(NOT_CRAWLED):
                seen.add(local)
                queue.append(local)
    return pages


def personal_values() -> set[str]:
    values = set()
    for row in Case.objects.values("filer_type", "filer_name", "filer_id_number", "filer_phone", "filer_email",
                                   "filer_address", "filer_legal_representative"):
        if row.pop("filer_type") != FilerType.PERSON:
            row.pop("filer_name")  # an organisation's name is not personal data
        values.update(v.strip() for v in row.values() if v and len(v.strip()) >= 2)
    inspector_staff = set(Inspector.objects.values_list("staff_id", flat=True))
    for staff in StaffProfile.objects.select_related("user"):
        values.update(v for v in (staff.phone, staff.user.email) if v)
        if staff.pk not in inspector_staff:
            values.add(staff.full_name)
    for user in get_user_model().objects.filter(staff_profile__isnull=True):
        values.update(v for v in (user.email, user.get_full_name()) if v and len(v) >= 2)
    return values


def looks_like_an_id_number(candidate: str) -> bool:
    number = candidate.upper()
    try:
        return number[-1] == ric.calc_check_digit(number) and bool(ric.get_birth_date(number))
    except ValueError:
        return False


def test_the_public_site_shows_no_personal_data_in_either_language():
    call_command("seed_demo", stdout=io.StringIO())
    secrets = personal_values()
    assert secrets, "the demo must hold personal data for this test to mean anything"
    assert Case.objects.exclude(filer_name="").exists()
    findings = []
    crawled = {}
    for language in ("zh-hans", "en"):
        pages = crawl(language)
        crawled[language] = pages
        for path, text in pages.items():
            findings += [(language, path, "value", value) for value in secrets if value in text]
            findings += [(language, path, "mobile", m) for m in MOBILE.findall(text)]
            findings += [(language, path, "masked mobile", m) for m in MASKED_MOBILE.findall(text)]
            findings += [(language, path, "ID number", m) for m in ID_NUMBER.findall(text) if looks_like_an_id_number(m)]
            findings += [(language, path, "masked ID number", m) for m in MASKED_ID_NUMBER.findall(text)]
    assert not findings, "\n".join(map(str, sorted(set(findings))[:80]))
    for language, pages in crawled.items():
        # The crawl reached the disclosures, their feed and exports, and the draw files.
        assert len(pages) >= 50, (language, sorted(pages))
        assert any(p.startswith("/publicity/feed/") for p in pages), language
        assert any(p.startswith("/publicity/export.") for p in pages), language
        assert any(p.endswith("/inspectors.csv") for p in pages), language
        assert any(p.endswith("/result.json") for p in pages), language
