"""Issue 9, item 2: uploaded evidence is never served by URL and is stored under random names."""

import importlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import clear_url_caches, reverse

from cases import services
from cases.models import Attachment, Kind, State
from portal.storage import move_public_files_to_private
from tests.factories.cases import CaseFactory, advance
from tests.factories.files import PDF_BYTES

pytestmark = pytest.mark.django_db

PDF = PDF_BYTES


@pytest.fixture
def report(team):
    case = CaseFactory(kind=Kind.REPORT, is_anonymous=True, title="疑似围标串标",
                       attachments=[SimpleUploadedFile("张三举报材料.pdf", PDF)])
    return advance(case, team, State.ASSIGNED)


@pytest.fixture
def debug_urls(settings):
    """The URLconf as `make run` (DEBUG) builds it."""
    import portal.urls

    settings.DEBUG = True
    importlib.reload(portal.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(portal.urls)
    clear_url_caches()


def test_uploads_are_stored_privately_under_random_names(report, settings):
    attachment = report.attachments.get()
    name = attachment.file.name
    assert attachment.original_name == "张三举报材料.pdf"
    assert "张三" not in name and not name.endswith(".pdf")
    assert len(name.rsplit("/", 1)[-1]) == 32
    assert (settings.PRIVATE_FILES_ROOT / name).read_bytes() == PDF
    assert not settings.MEDIA_ROOT.exists() or not any(settings.MEDIA_ROOT.rglob("*.pdf"))
    with pytest.raises(ValueError):
        attachment.file.url  # noqa: B018 - private files have no URL


def test_debug_server_serves_no_evidence_by_url(report, settings, client, debug_urls):
    attachment = report.attachments.get()
    assert client.get(f"/media/{attachment.file.name}", follow=True).status_code == 404
    # Even a file left in MEDIA_ROOT under a guessable name is not served.
    legacy = settings.MEDIA_ROOT / "cases" / "2026" / "12" / "evidence.pdf"
    legacy.parent.mkdir(parents=True)
    legacy.write_bytes(PDF)
    assert client.get("/media/cases/2026/12/evidence.pdf", follow=True).status_code == 404
    # Wagtail's public images are still served in development.
    image = settings.MEDIA_ROOT / "images" / "logo.png"
    image.parent.mkdir(parents=True)
    image.write_bytes(b"\x89PNG\r\n\x1a\n")
    assert client.get("/media/images/logo.png").status_code == 200


def test_the_checked_view_is_the_only_way_out(report, team, client, client_for):
    attachment = report.attachments.get()
    url = reverse("cases_attachment", args=[report.pk, attachment.pk])
    assert client.get(url).status_code == 302  # anonymous: to the login page
    assert client_for(team.other_handler).get(url).status_code == 404
    response = client_for(team.handler).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_files_stored_before_are_moved_to_random_private_names(report, settings):
    attachment = report.attachments.get()
    legacy_name = "cases/2026/12/张三举报材料.pdf"
    legacy = settings.MEDIA_ROOT / legacy_name
    legacy.parent.mkdir(parents=True)
    legacy.write_bytes(PDF)
    Attachment.objects.filter(pk=attachment.pk).update(file=legacy_name)

    assert move_public_files_to_private(Attachment, "cases") == 1
    attachment.refresh_from_db()
    assert attachment.file.name != legacy_name and "张三" not in attachment.file.name
    assert (settings.PRIVATE_FILES_ROOT / attachment.file.name).read_bytes() == PDF
    assert not legacy.exists()
    assert move_public_files_to_private(Attachment, "cases") == 0  # idempotent


def test_scan_upload_by_staff_is_private_too(team, settings):
    case = CaseFactory()
    attachment = services.add_attachment(case=case, file=SimpleUploadedFile("scan.pdf", PDF),
                                         purpose=Attachment.Purpose.SCAN, uploaded_by=team.intake)
    assert (settings.PRIVATE_FILES_ROOT / attachment.file.name).exists()
