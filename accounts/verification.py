"""One-time verification codes sent by e-mail (Django mail) or SMS (portal.sms).

Codes live in the cache only: six digits, valid for CODE_TTL, at most MAX_ATTEMPTS wrong tries,
and a new one at most every RESEND_INTERVAL. Only an HMAC of the code is stored and the
comparison is constant-time.
"""

import hashlib
import hmac
import secrets
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from portal.sms import send_sms

CODE_TTL = 10 * 60  # seconds
MAX_ATTEMPTS = 5
RESEND_INTERVAL = 60  # seconds
EMAIL = "email"
PHONE = "phone"


# The cache key prefix and the HMAC salt keep the names they had in `cases`, so codes sent just
# before an upgrade still work.
def _key(purpose: str, address: str) -> str:
    digest = hashlib.sha256(f"{purpose}:{address}".encode()).hexdigest()
    return f"cases:verify:{digest}"


def _code_digest(code: str, address: str) -> str:
    return salted_hmac("cases.public.verification", f"{address}:{code}").hexdigest()


def send_code(*, purpose: str, channel: str, address: str) -> None:
    """Send a new code to `address` (an e-mail address or a mobile number)."""
    key = _key(purpose, address)
    previous = cache.get(key)
    if previous and time.time() - previous["sent_at"] < RESEND_INTERVAL:
        wait = int(RESEND_INTERVAL - (time.time() - previous["sent_at"])) + 1
        raise ValidationError(
            _("A code was sent less than a minute ago. Please wait %(seconds)d seconds before asking again.")
            % {"seconds": wait},
            code="too_soon",
        )
    code = f"{secrets.randbelow(10**6):06d}"
    cache.set(key, {"digest": _code_digest(code, address), "sent_at": time.time()}, CODE_TTL)
    cache.set(f"{key}:attempts", 0, CODE_TTL)
    minutes = CODE_TTL // 60
    text = _(
        "Your verification code for the %(site)s is %(code)s. It is valid for %(minutes)d minutes. "
        "If you did not ask for it, ignore this message."
    ) % {"site": settings.WAGTAIL_SITE_NAME, "code": code, "minutes": minutes}
    if channel == EMAIL:
        send_mail(_("Verification code"), text, None, [address])
    else:
        send_sms(address, text)


def check_code(*, purpose: str, address: str, code: str) -> None:
    """Raise ValidationError unless `code` is the current code for `address`; a good code is used up."""
    key = _key(purpose, address)
    stored = cache.get(key)
    if not stored:
        raise ValidationError(_("The code has expired or was never sent. Please ask for a new one."), code="expired")
    attempts_key = f"{key}:attempts"
    cache.add(attempts_key, 0, CODE_TTL)
    attempts = cache.incr(attempts_key)
    if attempts > MAX_ATTEMPTS:
        cache.delete(key)
        raise ValidationError(_("Too many wrong codes. Please ask for a new one."), code="too_many_attempts")
    if not hmac.compare_digest(stored["digest"], _code_digest((code or "").strip(), address)):
        left = MAX_ATTEMPTS - attempts
        if left <= 0:
            cache.delete(key)
            raise ValidationError(_("Too many wrong codes. Please ask for a new one."), code="too_many_attempts")
        raise ValidationError(
            _("The code is wrong. %(left)d more tries before you need a new code.") % {"left": left},
            code="wrong_code",
        )
    cache.delete_many([key, attempts_key])
