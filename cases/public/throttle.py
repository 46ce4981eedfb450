"""Per-IP and per-case-number rate limits for the public pages (django-ratelimit)."""

from django.shortcuts import render
from django_ratelimit import ALL
from django_ratelimit.core import is_ratelimited

from portal.http import client_ip

# group: rate. Counted on POST only; a page view is never limited.
RATES = {
    "intake": "10/h",           # new cases from one IP
    "track_ip": "20/h",         # access-code lookups from one IP
    "track_number": "8/h",      # lookups of one case number, whoever asks
    "register": "10/h",         # registration attempts (each sends a code) from one IP
    "verify": "20/h",           # code checks from one IP
    "filer_action": "30/h",     # supplements, withdrawals, ratings from one IP
    "project_lookup": "120/m",  # lookup requests from one IP
}


def _client_address(group, request) -> str:
    # django-ratelimit's "ip" key fails when the server passes no address (a unix socket, a bare
    # WSGI client); such requests share one bucket instead.
    return client_ip(request) or "unknown"


def hit(request, group: str, key="ip") -> bool:
    """Count this request against `group`; True when the limit is exceeded."""
    key = _client_address if key == "ip" else key
    return is_ratelimited(request, group=f"cases.{group}", key=key, rate=RATES[group], method=ALL, increment=True)


def too_many_requests(request):
    return render(request, "cases/public/throttled.html", status=429)


def retry_after(group: str) -> int:
    """Seconds until a client over `group`'s limit may try again: at most one rate period."""
    from django_ratelimit.core import _split_rate

    _count, period = _split_rate(RATES[group])
    return period
