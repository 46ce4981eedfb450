"""The client's IP address, for rate limits, login lockouts and audit events."""

from django.conf import settings


def client_ip(request) -> str | None:
    """REMOTE_ADDR, or, behind TRUSTED_PROXY_COUNT reverse proxies that each append the address
    they saw to X-Forwarded-For, the address the outermost trusted proxy saw. Entries a client put
    in the header itself come before those and are never used, so the address cannot be forged."""
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR") or None
