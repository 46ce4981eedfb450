import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PUBLIC_FORMS = ["cases:report_new", "cases:suggestion_new", "cases:track", "accounts:login", "accounts:register"]


@pytest.mark.parametrize("name", ["cases:start", *PUBLIC_FORMS])
def test_public_pages_render_in_chinese(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="zh-hans">' in body
    assert 'name="viewport"' in body and "cases/public.css" in body


def test_english_is_available(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/cases/"})
    body = client.get(reverse("cases:start")).content.decode()
    assert '<html lang="en">' in body and "Complaints, reports and suggestions" in body
    body = client.get(reverse("cases:report_new")).content.decode()
    assert "How do you want to report?" in body


@pytest.mark.parametrize("name", PUBLIC_FORMS)
def test_every_input_has_a_label(client, name):
    body = client.get(reverse(name)).content.decode()
    inputs = re.findall(r'<(?:input|select|textarea)\b[^>]*\bid="([^"]+)"', body)
    visible = [i for i in inputs if not re.search(rf'<input[^>]*type="hidden"[^>]*id="{i}"', body)
               and not re.search(rf'<input[^>]*id="{i}"[^>]*type="hidden"', body)]
    assert visible
    for input_id in visible:
        assert f'for="{input_id}"' in body, input_id


def test_complaint_form_labels_and_fieldsets(complainant_client):
    body = complainant_client.get(reverse("cases:complaint_new")).content.decode()
    assert body.count("<fieldset") >= 5 and body.count("<legend") >= 5
    for field in ("filer_name", "filer_id_number", "knew_on", "facts", "attachments"):
        assert f'for="id_{field}"' in body
    assert 'aria-describedby="id_facts_errors id_facts_helptext"' in body
