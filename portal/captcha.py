"""The public forms' CAPTCHA: a legible picture (django-simple-captcha, configured in settings) and,
for anyone who cannot read it, a text question answered in the same form. Either answer passes.

Both challenges live in CaptchaStore, so both expire and are good for one attempt only; the
project needs no outside service to check them (works offline, no audio)."""

import secrets
import unicodedata
from datetime import timedelta

from captcha.conf import settings as captcha_settings
from captcha.fields import CaptchaAnswerInput, CaptchaHiddenInput, CaptchaTextInput
from captcha.models import CaptchaStore
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

# No look-alikes (0/O, 1/I/L, 2/Z, 5/S, 8/B, 6/G, U/V): what a reader sees is what they type.
LEGIBLE_ALPHABET = "ACDEFHJKMNPQRTWXY34679"
CHINESE_DIGITS = "零一二三四五六七八九十"
_random = secrets.SystemRandom()


def legible_characters() -> tuple[str, str]:
    """CAPTCHA_CHALLENGE_FUNCT: the picture's characters (the answer is not case-sensitive)."""
    text = "".join(_random.choice(LEGIBLE_ALPHABET) for _ in range(captcha_settings.CAPTCHA_LENGTH))
    return text, text


def light_noise(draw, image):
    """CAPTCHA_NOISE_FUNCTIONS: two thin light lines, enough against naive OCR, not against readers."""
    width, height = image.size
    for _ in range(2):
        start = (0, _random.randint(height // 4, height * 3 // 4))
        end = (width, _random.randint(height // 4, height * 3 // 4))
        draw.line([start, end], fill="#9aa5b1", width=1)
    return draw


def chinese_number(number: int) -> str:
    if number <= 10:
        return CHINESE_DIGITS[number]
    return (
        ("" if number < 20 else CHINESE_DIGITS[number // 10])
        + "十"
        + (CHINESE_DIGITS[number % 10] if number % 10 else "")
    )


def arithmetic_question() -> tuple[str, str]:
    """The text alternative: a sum or a difference of two small numbers written in Chinese words."""
    first, second = _random.randint(2, 9), _random.randint(1, 9)
    if first > second and _random.random() < 0.5:
        return f"{chinese_number(first)}减{chinese_number(second)}等于几？", str(first - second)
    return f"{chinese_number(first)}加{chinese_number(second)}等于几？", str(first + second)


def stored_challenges(generator=None) -> list[CaptchaStore]:
    """A new picture challenge and a new question, stored in one INSERT."""
    expiration = timezone.now() + timedelta(minutes=int(captcha_settings.CAPTCHA_TIMEOUT))
    challenges = [captcha_settings.get_challenge(generator)(), arithmetic_question()]
    return CaptchaStore.objects.bulk_create(
        CaptchaStore(challenge=challenge, response=response.lower(), hashkey=secrets.token_hex(20), expiration=expiration)
        for challenge, response in challenges
    )


ANSWERS_IN_WORDS = {chinese_number(n): str(n) for n in range(19)}


def normalize_answer(value: str) -> str:
    """Full-width digits, spaces and answers written in Chinese (十二) are all accepted."""
    text = unicodedata.normalize("NFKC", value or "").strip().lower().rstrip("。.")
    return ANSWERS_IN_WORDS.get(text, text)


class CaptchaInput(CaptchaTextInput):
    """The picture with a "new picture" button, then the text question in a <details> (works
    without JavaScript). Posted as: picture key, picture answer, question key, question answer."""

    template_name = "portal/widgets/captcha.html"

    def __init__(self, attrs=None):
        self.id_prefix, self.generator = None, None
        forms.MultiWidget.__init__(
            self,
            [
                CaptchaHiddenInput(),
                CaptchaAnswerInput(),
                CaptchaHiddenInput(),
                CaptchaAnswerInput(attrs={"inputmode": "numeric"}),
            ],
            attrs,
        )

    def decompress(self, value):
        return value.split(",") if value else [None] * 4

    def render(self, name, value, attrs=None, renderer=None):
        picture, self._question = stored_challenges(self.generator)
        # What the library's fetch_captcha_store sets, for its get_context (its save is one row at a time).
        self._key, self._value, self.id_ = picture.hashkey, [picture.hashkey, ""], self.build_attrs(attrs).get("id")
        values = [self._key, "", self._question.hashkey, ""]
        return forms.MultiWidget.render(self, name, values, attrs=attrs, renderer=renderer)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["question"] = self._question.challenge
        return context


class PortalCaptchaField(forms.MultiValueField):
    """Passes when the picture's characters or the question's answer is right; each challenge
    is deleted once tried, right or wrong (no brute force)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", CaptchaInput())
        fields = [forms.CharField(required=False) for _ in range(4)]
        super().__init__(fields, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        return ",".join(item or "" for item in data_list) if data_list else ""

    def clean(self, value):
        key, answer, question_key, question_answer = (list(value or []) + [""] * 4)[:4]
        answer, question_answer = (answer or "").strip().lower(), normalize_answer(question_answer)
        if not answer and not question_answer:
            raise ValidationError(self.error_messages["required"], code="required")
        keys = [k for k in (key, question_key) if k]
        if captcha_settings.CAPTCHA_TEST_MODE and "passed" in (answer, question_answer):
            CaptchaStore.objects.filter(hashkey__in=keys).delete()
            return self.compress([key, "", question_key, ""])
        now = timezone.now()
        expected = dict(
            CaptchaStore.objects.filter(hashkey__in=keys, expiration__gt=now).values_list("hashkey", "response")
        )
        # One DELETE spends both challenges (right or wrong, against guessing) and clears expired ones.
        CaptchaStore.objects.filter(Q(hashkey__in=keys) | Q(expiration__lte=now)).delete()
        picture_ok = bool(answer) and expected.get(key) == answer
        question_ok = bool(question_answer) and expected.get(question_key) == question_answer
        if not (picture_ok or question_ok):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return self.compress([key, "", question_key, ""])
