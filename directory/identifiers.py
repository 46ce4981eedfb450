"""The one home of identifier checks: resident identity card numbers (居民身份证号码, GB 11643) and
unified social credit codes (统一社会信用代码, GB 32100-2015). The check characters come from
python-stdnum (`stdnum.cn.ric`, `stdnum.cn.uscc`); this module adds the Chinese messages and the
portal's normalisation. Everything that validates, generates or recognises these numbers asks here.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import exceptions as stdnum_errors
from stdnum.cn import ric, uscc

CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters: no I, O, Z, S, V
CREDIT_CODE_LENGTH = 18
ID_NUMBER_LENGTH = 18


# --- unified social credit code ------------------------------------------------------------------

def normalize_credit_code(code: str) -> str:
    return (code or "").strip().upper()


def credit_code_check_character(first17: str) -> str:
    """The check character for the first 17 characters of a credit code."""
    if len(first17) != CREDIT_CODE_LENGTH - 1:
        raise ValueError("expected 17 characters")
    return uscc.calc_check_digit(first17)


def validate_credit_code(value: str) -> None:
    code = normalize_credit_code(value)
    if len(code) != CREDIT_CODE_LENGTH:
        raise ValidationError(
            _("A unified social credit code has 18 characters; %(count)d given."),
            code="credit_code_length",
            params={"count": len(code)},
        )
    bad = sorted({ch for ch in code if ch not in CREDIT_CODE_ALPHABET})
    if bad:
        raise ValidationError(
            _("A unified social credit code cannot contain %(chars)s (letters I, O, Z, S, V are never used)."),
            code="credit_code_charset",
            params={"chars": "、".join(bad)},
        )
    if not code[2:8].isdigit():
        raise ValidationError(
            _("Characters 3 to 8 of a unified social credit code are the administrative division code and must be digits."),
            code="credit_code_division",
        )
    expected = credit_code_check_character(code[:17])
    if code[17] != expected:
        raise ValidationError(
            _("The check character of this unified social credit code is wrong: it should be %(expected)s. Please check for a typing error."),
            code="credit_code_check",
            params={"expected": expected},
        )


def is_valid_credit_code(value: str) -> bool:
    try:
        validate_credit_code(value)
    except ValidationError:
        return False
    return True


# --- resident identity card number ----------------------------------------------------------------

def normalize_id_number(value: str) -> str:
    return ric.compact(value or "")


def id_number_check_character(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character for the first 17 digits of an ID number."""
    if len(first17) != ID_NUMBER_LENGTH - 1 or not first17.isdigit():
        raise ValueError("expected 17 digits")
    return ric.calc_check_digit(first17 + "0")


def is_valid_id_number(value: str) -> bool:
    """18 characters, digits with a check character, a real birth date. The birth place is not
    checked: stdnum's region list lags behind new county codes and must not refuse a real citizen."""
    number = normalize_id_number(value)
    if len(number) != ID_NUMBER_LENGTH or not number[:17].isdigit():
        return False
    try:
        ric.get_birth_date(number)
    except stdnum_errors.ValidationError:
        return False
    return number[17] == ric.calc_check_digit(number)
