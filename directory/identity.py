"""Resident ID numbers kept only to find conflicts of interest (回避): the one home of how they are
protected.

Two values are stored per number, never the number itself in clear:

- a **blind index**: HMAC-SHA256 of the normalised number under a key from the environment
  (`IDENTITY_HASH_KEY`). Equal numbers give equal indexes, so relations can be matched in SQL;
  without the key nobody can test guesses (a plain SHA-256 of an 18-digit ID number falls to a
  search over region codes and birth dates in seconds).
- a **sealed copy**: the number encrypted with Fernet (AES-128-CBC + HMAC) under a key derived from
  the same secret. It is read by nothing but key rotation: `manage.py rotate_identity_hash_key`
  decrypts with the old key, re-computes the index with the new one and re-encrypts. An index alone
  could never be re-keyed, since HMAC cannot be undone.

Both keys are derived from the one secret with HKDF, so an index key never doubles as an
encryption key. During a rotation the previous secrets are listed in
`IDENTITY_HASH_PREVIOUS_KEYS`; once the command has run they can be removed.
"""

import base64
import hashlib
import hmac
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from stdnum.cn import ric


@dataclass(frozen=True)
class ProtectedIdNumber:
    """What is stored for one ID number: `index` for matching, `sealed` for key rotation."""

    index: str
    sealed: str


def normalize_id_number(value: str) -> str:
    """The number as matched: spaces and dashes removed, full-width digits folded, X upper case."""
    folded = unicodedata.normalize("NFKC", value or "")  # full-width digits and letters
    return ric.compact("".join(ch for ch in folded if ch.isascii() and ch.isalnum())).upper()


def is_valid_id_number(value: str) -> bool:
    """Length, check digit and birth date. Not the region: python-stdnum's list of current county
    codes refuses numbers issued under codes since merged (杭州 330102 among them), which people keep."""
    number = normalize_id_number(value)
    if len(number) != 18 or not number[:17].isdigit() or number[-1] != ric.calc_check_digit(number):
        return False
    try:
        ric.get_birth_date(number)
    except ValueError:
        return False
    return True


def _derive(secret: str, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"portal.identity." + purpose).derive(
        secret.encode("utf-8"))


@lru_cache(maxsize=8)
def _keys(current: str, previous: tuple[str, ...]):
    if not current:
        raise ImproperlyConfigured("IDENTITY_HASH_KEY must be set.")
    secrets = (current, *previous)
    index_key = _derive(current, b"index")
    fernet = MultiFernet([Fernet(base64.urlsafe_b64encode(_derive(secret, b"seal"))) for secret in secrets])
    return index_key, fernet


def _current_keys():
    return _keys(settings.IDENTITY_HASH_KEY, tuple(settings.IDENTITY_HASH_PREVIOUS_KEYS))


def blind_index(number: str) -> str:
    """HMAC-SHA256 (64 hex digits) of the normalised number under the current key."""
    index_key, _fernet = _current_keys()
    return hmac.new(index_key, normalize_id_number(number).encode("ascii"), hashlib.sha256).hexdigest()


def protect(number: str) -> ProtectedIdNumber:
    """The values to store for a number staff typed or imported; never store the number itself."""
    normalized = normalize_id_number(number)
    _index_key, fernet = _current_keys()
    return ProtectedIdNumber(index=blind_index(normalized), sealed=fernet.encrypt(normalized.encode("ascii")).decode())


def reprotect(sealed: str) -> ProtectedIdNumber:
    """Re-key one stored number: decrypt with any listed key, index and seal with the current one."""
    _index_key, fernet = _current_keys()
    try:
        number = fernet.decrypt(sealed.encode("ascii")).decode("ascii")
    except InvalidToken as exc:
        raise ValueError("the sealed ID number was made with a key that is no longer listed") from exc
    return protect(number)


# Every stored ID number: (app label, model, field prefix) with <prefix>_hash and <prefix>_sealed.
STORED_ID_NUMBERS = (
    ("directory", "EntityRelation", "person_id"),
    ("inspections", "Inspector", "person_id"),
    ("inspections", "InspectorTie", "relative_id"),
)
