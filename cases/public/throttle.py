"""Per-IP rate limits for the public pages, and per-(case number, client) limits on failed
tracking lookups (django-ratelimit)."""

from django.shortcuts import render
from django_ratelimit import ALL
from django_ratelimit.core import get_usage, is_ratelimited

from portal.http import client_ip

# group: rate. Counted on POST only; a page view is never limited.
RATES = {
    "intake": "10/h",           # new cases from one IP
    # Failed tracking lookups only: nobody can lock a case number for its filer, and a right
    # code from a client that is not over its limit always opens the case.
    "track_ip": "20/h",         # failed access-code lookups from one client
    "track_pair": "8/h",        # failed lookups of one case number from one client
    "register": "10/h",         # registration attempts (each sends a code) from one IP
    "verify": "20/h",           # code checks from one IP
    "filer_action": "30/h",     # supplements, withdrawals, ratings from one IP
    "project_lookup": "120/m",  # lookup requests from one IP
}


def hit(request, group: str, key: str = "ip") -> bool:
    """Count this request against `group`; True when the limit is exceeded."""
    return is_ratelimited(request, group=f"cases.{group}", key=key, rate=RATES[group], method=ALL, increment=True)


def over_limit(request, group: str, key="ip") -> bool:
    """True when `group` is used up for this request, without counting the request."""
    usage = get_usage(request, group=f"cases.{group}", key=key, rate=RATES[group], method=ALL, increment=False)
    return usage is not None and usage["count"] >= usage["limit"]


def count(request, group: str, key="ip") -> None:
    get_usage(request, group=f"cases.{group}", key=key, rate=RATES[group], method=ALL, increment=True)


def number_and_client(number: str):
    """A django-ratelimit key for one case number asked from one client address."""
    normalised = (number or "").strip().upper()
    return lambda group, request: f"number:{normalised}|client:{client_ip(request)}"


def too_many_requests(request):
    return render(request, "cases/public/throttled.html", status=429)
