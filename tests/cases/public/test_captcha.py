"""The public forms' CAPTCHA (issue 13 item 14): a picture one can read (big, dark on white, light
noise, no look-alike characters) and a text question as the alternative for anyone who cannot
see or read it; either answer passes, each challenge only once."""

import io
import re

import pytest
from captcha.conf import settings as captcha_settings
from captcha.models import CaptchaStore
from django.urls import reverse
from PIL import Image

from cases.models import Case
from portal.captcha import LEGIBLE_ALPHABET
from tests.cases.public.test_intake import report_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def real_captcha(monkeypatch):
    monkeypatch.setattr(captcha_settings, "CAPTCHA_TEST_MODE", False)


def challenge(client) -> dict:
    """The report form as a visitor gets it: the two challenges' keys, question and answers."""
    page = client.get(reverse("cases:report_new")).content.decode()
    keys = dict(re.findall(r'name="(captcha_[02])" value="([0-9a-f]{40})"', page))
    picture, question = (CaptchaStore.objects.get(hashkey=keys[name]) for name in ("captcha_0", "captcha_2"))
    return {
        "page": page,
        "picture": picture,
        "question": question,
        "keys": {"captcha_0": picture.hashkey, "captcha_2": question.hashkey},
    }


def answer(client, **fields):
    return client.post(reverse("cases:report_new"), report_data(**{"captcha_1": "", **fields}))


def test_the_form_offers_the_picture_and_a_labelled_text_question(client):
    shown = challenge(client)
    page, question = shown["page"], shown["question"].challenge
    assert re.fullmatch(r"[一二三四五六七八九]+[加减][一二三四五六七八九]+等于几？", question)
    assert "<summary>看不清图片？改答文字题</summary>" in page
    assert f'<label for="id_captcha_3">文字题：{question}（请填写数字）</label>' in page
    assert re.search(r'<img src="/captcha/image/[0-9a-f]{40}/" srcset="[^"]+@2/ 2x" alt="验证码图片', page)
    assert '<label for="id_captcha_1">验证码' in page
    assert all(c in LEGIBLE_ALPHABET for c in shown["picture"].challenge)


def test_answering_only_the_text_question_files_the_report(client):
    shown = challenge(client)
    response = answer(client, **shown["keys"], captcha_3=shown["question"].response)
    assert response.status_code == 302 and Case.objects.count() == 1


@pytest.mark.parametrize("typed", ["full-width", "in words"])
def test_the_question_accepts_full_width_digits_and_chinese_numbers(client, typed):
    shown = challenge(client)
    number = int(shown["question"].response)
    words = "零一二三四五六七八九十"
    text = (
        str(number).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
        if typed == "full-width"
        else (words[number] if number <= 10 else "十" + words[number - 10])
    )
    assert answer(client, **shown["keys"], captcha_3=text).status_code == 302


def test_the_picture_answer_is_not_case_sensitive(client):
    shown = challenge(client)
    assert answer(client, **shown["keys"], captcha_1=shown["picture"].challenge.lower()).status_code == 302


def test_wrong_answers_are_refused_and_each_challenge_is_tried_once(client):
    shown = challenge(client)
    wrong = str(int(shown["question"].response) + 1)
    response = answer(client, **shown["keys"], captcha_1="XXXX", captcha_3=wrong)
    assert response.status_code == 200 and not Case.objects.exists()
    assert response.context["form"].errors["captcha"] == ["答案与图片或文字题不符，请按新的图片或题目重新填写。"]
    # The right answers to the same, now used, challenges no longer pass.
    again = answer(client, **shown["keys"], captcha_1=shown["picture"].response, captcha_3=shown["question"].response)
    assert again.status_code == 200 and not Case.objects.exists()


def test_the_picture_is_large_and_high_contrast(client):
    shown = challenge(client)
    response = client.get(f"/captcha/image/{shown['picture'].hashkey}/")
    image = Image.open(io.BytesIO(response.content)).convert("L")
    assert image.height >= 50 and image.width >= 100
    darkest, lightest = image.getextrema()

    def luminance(value):
        channel = value / 255
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4

    contrast = (luminance(lightest) + 0.05) / (luminance(darkest) + 0.05)
    assert contrast >= 7  # WCAG AAA for text
    # Little noise: most of the picture is plain background.
    background = sum(image.histogram()[245:])  # pixels of the lightest grey levels
    assert background / (image.width * image.height) > 0.6
