"""Reads of integration clients."""

import hmac

from api.models import IntegrationClient
from api.services import hash_token, split_token


def client_for_token(token: str) -> IntegrationClient | None:
    """The client holding `token`, compared in constant time; None if unknown. Expiry, activity and
    the address allow-list are checked by the caller so that it can say which one failed."""
    prefix = split_token(token)
    if not prefix:
        return None
    client = (IntegrationClient.objects.select_related("department", "acts_as__staff_profile")
              .filter(token_prefix=prefix).first())
    if client is None or not hmac.compare_digest(client.token_hash, hash_token(token)):
        return None
    return client
