"""General API rate limits (DRF sends Retry-After). Endpoints that mirror a public web page use
that page's own limits instead (cases.public.throttle)."""

from rest_framework.throttling import SimpleRateThrottle

from api.permissions import calling_client
from portal.http import client_ip


class ClientRateThrottle(SimpleRateThrottle):
    scope = "client"

    def get_cache_key(self, request, view):
        client = calling_client(request)
        return self.cache_format % {"scope": self.scope, "ident": client.pk} if client else None


class AnonymousRateThrottle(SimpleRateThrottle):
    scope = "anonymous"

    def get_cache_key(self, request, view):
        if calling_client(request) is not None or request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": client_ip(request._request) or "unknown"}
