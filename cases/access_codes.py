"""Tracking access codes: 12 characters of Crockford base32 (60 bits), shown once, stored as a
keyed hash (HMAC with SECRET_KEY), compared in constant time by the selectors."""

import secrets

from django.utils.crypto import salted_hmac

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 12
_CONFUSABLE = str.maketrans({"I": "1", "L": "1", "O": "0", "U": "V"})


def new_code() -> str:
    return "".join(secrets.choice(CROCKFORD) for _ in range(LENGTH))


def normalize(code: str) -> str:
    """What people type: any case, spaces or hyphens, I/L for 1 and O for 0."""
    return "".join(ch for ch in (code or "").upper() if ch.isalnum()).translate(_CONFUSABLE)


def display(code: str) -> str:
    return "-".join(code[i:i + 4] for i in range(0, len(code), 4))


def hash_code(code: str) -> str:
    return salted_hmac("cases.access_code", normalize(code), algorithm="sha256").hexdigest()


# Compared against when the case number does not exist, so both paths take the same time.
DUMMY_HASH = "0" * 64
