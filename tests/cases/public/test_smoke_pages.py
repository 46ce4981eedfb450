import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["start", "report_new", "suggestion_new", "track", "login", "register"])
def test_public_pages_render_in_chinese(client, name):
    response = client.get(reverse(f"cases:{name}"))
    assert response.status_code == 200
    assert '<html lang="zh-hans">' in response.content.decode()


def test_complaint_form_renders_for_complainant(complainant_client):
    response = complainant_client.get(reverse("cases:complaint_new"))
    assert response.status_code == 200
