"""Per-client rate limits for public pages (django-ratelimit). Each app names its groups and
rates (e.g. cases.public.throttle, accounts.views); the counting and the 429 page live here."""

from django.shortcuts import render
from django_ratelimit import ALL
from django_ratelimit.core import _split_rate, get_usage, is_ratelimited

from portal.http import client_ip


def _client_address(group, request) -> str:
    # django-ratelimit's "ip" key fails when the server passes no address (a unix socket, a bare
    # WSGI client); such requests share one bucket instead.
    return client_ip(request) or "unknown"


def _key(key):
    return _client_address if key == "ip" else key


def hit(request, group: str, rate: str, key="ip") -> bool:
    """Count this request against `group`; True when the limit is exceeded."""
    return is_ratelimited(request, group=group, key=_key(key), rate=rate, method=ALL, increment=True)


def over_limit(request, group: str, rate: str, key="ip") -> bool:
    """True when `group` is used up for this request, without counting the request."""
    usage = get_usage(request, group=group, key=_key(key), rate=rate, method=ALL, increment=False)
    return usage is not None and usage["count"] >= usage["limit"]


def count(request, group: str, rate: str, key="ip") -> None:
    get_usage(request, group=group, key=_key(key), rate=rate, method=ALL, increment=True)


def retry_after(rate: str) -> int:
    """Seconds until a client over a limit of `rate` may try again: at most one rate period."""
    _count, period = _split_rate(rate)
    return period


def too_many_requests(request):
    return render(request, "throttled.html", status=429)
