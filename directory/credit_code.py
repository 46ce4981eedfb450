"""Compatibility names for code written before directory.identifiers; new code imports that."""

from directory.identifiers import CREDIT_CODE_ALPHABET as ALPHABET
from directory.identifiers import credit_code_check_character as check_character
from directory.identifiers import is_valid_credit_code as is_valid
from directory.identifiers import normalize_credit_code as normalize
from directory.identifiers import validate_credit_code

__all__ = ["ALPHABET", "check_character", "is_valid", "normalize", "validate_credit_code"]
