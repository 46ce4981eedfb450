"""A blank public form's fields are rendered once per process and language; anything personal
(a logged-in filer's details, a visitor's errors and answers) and the CAPTCHA never come from there."""

import re

import pytest
from django.core.cache import caches
from django.urls import reverse

from tests.cases.public.test_intake import report_data

pytestmark = pytest.mark.django_db
REPORT = reverse("cases:report_new")


@pytest.fixture(autouse=True)
def _empty_fragments():
    caches["fragments"].clear()
    yield
    caches["fragments"].clear()


def captcha_keys(html: str) -> list[str]:
    return re.findall(r'name="captcha_[02]"[^>]*value="([0-9a-f]+)"|value="([0-9a-f]+)"[^>]*name="captcha_[02]"', html)


def test_two_visitors_see_the_same_fields_but_their_own_challenges(client):
    first = client.get(REPORT).content.decode()
    client.cookies.clear()
    second = client.get(REPORT).content.decode()
    assert "一、举报人身份" in first and 'name="respondent_name"' in first
    fields = re.compile(r"<fieldset class=\"section\">.*?</fieldset>", re.S)
    assert fields.findall(first)[:2] == fields.findall(second)[:2]
    assert captcha_keys(first) and captcha_keys(first) != captcha_keys(second)


def test_each_language_has_its_own_fields(client):
    client.get(REPORT)
    client.cookies["django_language"] = "en"
    english = client.get(REPORT).content.decode()
    client.cookies.clear()
    chinese = client.get(REPORT).content.decode()
    assert "1. Your identity" in english and "举报人身份" not in english
    assert "一、举报人身份" in chinese and "Your identity" not in chinese


def test_a_logged_in_filer_gets_their_details_not_the_blank_fields(client, complainant_client, complainant):
    client.get(REPORT)  # an anonymous visitor fills the cache first
    page = complainant_client.get(REPORT).content.decode()
    assert f'value="{complainant.first_name}"' in page


def test_a_refused_post_shows_the_visitors_answers_and_errors(client):
    client.get(REPORT)
    page = client.post(REPORT, report_data(title="", respondent_name="某监理公司")).content.decode()
    assert 'value="某监理公司"' in page and 'id="id_title_errors"' in page
