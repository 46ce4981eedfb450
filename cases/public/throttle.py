"""Per-IP rate limits for the public case pages, and per-(case number, client) limits on failed
tracking lookups (counted by portal.throttle)."""

from portal import throttle
from portal.http import client_ip
from portal.throttle import too_many_requests

__all__ = ["RATES", "count", "count_failed_tracking", "hit", "over_limit", "retry_after", "too_many_requests",
           "tracking_limit_reached"]

# group: rate. Counted on POST only; a page view is never limited.
RATES = {
    "intake": "10/h",           # new cases from one IP
    # Failed tracking lookups only: nobody can lock a case number for its filer, and a right
    # code from a client that is not over its limit always opens the case.
    "track_ip": "20/h",         # failed access-code lookups from one client
    "track_pair": "8/h",        # failed lookups of one case number from one client
    "filer_action": "30/h",     # supplements, withdrawals, ratings from one IP
    "project_lookup": "120/m",  # lookup requests from one IP
}


def hit(request, group: str, key="ip") -> bool:
    """Count this request against `group`; True when the limit is exceeded."""
    return throttle.hit(request, f"cases.{group}", RATES[group], key)


def over_limit(request, group: str, key="ip") -> bool:
    """True when `group` is used up for this request, without counting the request."""
    return throttle.over_limit(request, f"cases.{group}", RATES[group], key)


def count(request, group: str, key="ip") -> None:
    throttle.count(request, f"cases.{group}", RATES[group], key)


def number_and_client(number: str):
    """A django-ratelimit key for one case number asked from one client address."""
    normalised = (number or "").strip().upper()
    return lambda group, request: f"number:{normalised}|client:{client_ip(request)}"


def tracking_limit_reached(request, number: str) -> str:
    """The tracking limit this client has used up for `number` ("track_ip" or "track_pair"), or ""
    (the web tracking page and the API ask the same question)."""
    if over_limit(request, "track_ip"):
        return "track_ip"
    if over_limit(request, "track_pair", key=number_and_client(number)):
        return "track_pair"
    return ""


def count_failed_tracking(request, number: str) -> None:
    count(request, "track_ip")
    count(request, "track_pair", key=number_and_client(number))


def retry_after(group: str) -> int:
    """Seconds until a client over `group`'s limit may try again: at most one rate period."""
    return throttle.retry_after(RATES[group])
