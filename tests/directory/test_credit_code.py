import pytest
from django.core.exceptions import ValidationError

from directory.identifiers import credit_code_check_character as check_character
from directory.identifiers import is_valid_credit_code as is_valid
from directory.identifiers import validate_credit_code
from tests.factories.directory import make_credit_code

# Published codes of real organisations (from their public registrations).
REAL_CODES = ["91350100M000100Y43", "91110000802100433B", "91440300708461136T"]


@pytest.mark.parametrize("code", REAL_CODES)
def test_real_codes_are_valid(code):
    validate_credit_code(code)
    assert check_character(code[:17]) == code[17]


def test_lowercase_and_spaces_are_normalised():
    assert is_valid(" 91350100m000100y43 ")


@pytest.mark.parametrize(
    ("code", "fragment"),
    [
        ("91350100M000100Y4", "18"),
        ("91350100M000100Y433", "18"),
        ("91350100M000100Y44", "check character"),
        ("91350100O000100Y43", "O"),
        ("913501A0M000100Y43", "administrative division"),
        ("", "18"),
    ],
)
def test_bad_codes_are_refused_with_a_reason(code, fragment, settings):
    settings.LANGUAGE_CODE = "en"
    from django.utils import translation

    with translation.override("en"), pytest.raises(ValidationError) as exc:
        validate_credit_code(code)
    assert fragment in " ".join(exc.value.messages)


def test_messages_are_chinese_by_default():
    from django.utils import translation

    with translation.override("zh-hans"), pytest.raises(ValidationError) as exc:
        validate_credit_code("91350100M000100Y44")
    assert "校验码" in exc.value.messages[0]


def test_every_single_character_typo_is_caught():
    code = make_credit_code(7)
    from directory.identifiers import CREDIT_CODE_ALPHABET as ALPHABET

    for position in range(18):
        for replacement in ALPHABET:
            if replacement == code[position]:
                continue
            typo = code[:position] + replacement + code[position + 1:]
            if position in range(2, 8) and not replacement.isdigit():
                continue  # refused for another reason
            assert not is_valid(typo), typo
