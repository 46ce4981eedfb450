"""Issue 9, item 2: inspection evidence is stored privately and leaves only through a checked download."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from inspections.services import inspections as service
from tests.factories.directory import UserFactory
from tests.inspections.test_inspections import PNG, first_inspection, team_member

pytestmark = pytest.mark.django_db


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_evidence_downloads_only_through_the_checked_view(drawn_plan, settings, client):
    inspection = first_inspection(drawn_plan)
    inspector = team_member(inspection)
    evidence = service.add_evidence(inspection=inspection, actor=inspector,
                                    upload=SimpleUploadedFile("现场照片.png", PNG), description="现场照片")
    assert "现场照片" not in evidence.file.name
    assert (settings.PRIVATE_FILES_ROOT / evidence.file.name).read_bytes() == PNG
    url = reverse("inspections_evidence_download", args=[inspection.pk, evidence.pk])

    page = logged_in(inspector).get(reverse("inspections_inspection:edit", args=[inspection.pk])).content.decode()
    assert url in page and "/media/" not in page
    response = logged_in(inspector).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PNG
    assert response["Content-Disposition"].startswith("attachment;")

    assert client.get(url).status_code == 302  # anonymous: to the login page
    nobody = UserFactory(username="no_roles_staff")
    assert logged_in(nobody).get(url).status_code in (302, 403)
    other = reverse("inspections_evidence_download", args=[inspection.pk, evidence.pk + 1000])
    assert logged_in(inspector).get(other).status_code == 404
