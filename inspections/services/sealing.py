"""A draw's secret is known to nobody before the draw, the database included: it is stored
encrypted (Fernet) under a key derived from `DRAW_SECRET_KEY`, which lives in the environment, and
written in clear only when the draw reveals it. A copy of the database alone therefore cannot
predict a draw."""

import base64
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@lru_cache(maxsize=4)
def _fernet(secret: str) -> Fernet:
    if not secret:
        raise ImproperlyConfigured("DRAW_SECRET_KEY must be set.")
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"portal.draw.secret").derive(
        secret.encode("utf-8")
    )
    return Fernet(base64.urlsafe_b64encode(key))


def seal(text: str) -> str:
    return _fernet(settings.DRAW_SECRET_KEY).encrypt(text.encode("utf-8")).decode("ascii")


def unseal(token: str) -> str:
    try:
        return _fernet(settings.DRAW_SECRET_KEY).decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken as exc:
        raise ImproperlyConfigured(
            "A draw secret cannot be decrypted: DRAW_SECRET_KEY is not the key it was sealed with."
        ) from exc


def secret_of(record) -> str:
    """A draw record's secret: in clear once revealed, otherwise decrypted for the draw."""
    return record.secret or unseal(record.sealed_secret)
