"""All writes to integration clients. A token is generated here, returned once and stored only as
its SHA-256 digest (tokens are 256-bit random, so a fast digest cannot be brute-forced)."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from api.models import IntegrationClient

TOKEN_PREFIX_BYTES = 6  # 12 hex characters: the public part used to find the client
TOKEN_SECRET_BYTES = 32


@dataclass(frozen=True)
class IssuedToken:
    client: IntegrationClient
    token: str  # shown once to the person who created or rotated it


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def split_token(token: str) -> str:
    """The prefix of a well-formed token, else ""."""
    prefix, dot, secret = (token or "").partition(".")
    return prefix if dot and len(prefix) == 2 * TOKEN_PREFIX_BYTES and secret else ""


def _new_token() -> tuple[str, str]:
    prefix = secrets.token_hex(TOKEN_PREFIX_BYTES)
    return prefix, f"{prefix}.{secrets.token_urlsafe(TOKEN_SECRET_BYTES)}"


def _set_token(client: IntegrationClient) -> str:
    prefix, token = _new_token()
    client.token_prefix, client.token_hash, client.token_issued_at = prefix, hash_token(token), timezone.now()
    return token


@transaction.atomic
def create_client(*, name: str, department, expires_at, scopes=(), acts_as=None, allowed_networks: str = "",
                  is_active: bool = True) -> IssuedToken:
    client = IntegrationClient(name=(name or "").strip(), department=department, acts_as=acts_as,
                               scopes=sorted(set(scopes)), allowed_networks=allowed_networks or "",
                               expires_at=expires_at, is_active=is_active)
    token = _set_token(client)
    client.full_clean()
    client.save()
    return IssuedToken(client=client, token=token)


@transaction.atomic
def rotate_token(*, client_id) -> IssuedToken:
    """A new token; the old one stops working at once."""
    client = IntegrationClient.objects.select_for_update().get(pk=client_id)
    token = _set_token(client)
    client.full_clean()
    client.save(update_fields=["token_prefix", "token_hash", "token_issued_at"])
    return IssuedToken(client=client, token=token)


def touch(client: IntegrationClient) -> None:
    """Remember when the client last called (at most once a minute, so reads stay cheap)."""
    now = timezone.now()
    if client.last_used_at is None or (now - client.last_used_at).total_seconds() > 60:
        IntegrationClient.objects.filter(pk=client.pk).update(last_used_at=now)
        client.last_used_at = now


@transaction.atomic
def update_client(*, client_id, name: str, department, expires_at, scopes=(), acts_as=None,
                  allowed_networks: str = "", is_active: bool = True) -> IntegrationClient:
    client = IntegrationClient.objects.select_for_update().get(pk=client_id)
    client.name, client.department, client.acts_as = (name or "").strip(), department, acts_as
    client.scopes, client.allowed_networks = sorted(set(scopes)), allowed_networks or ""
    client.expires_at, client.is_active = expires_at, is_active
    client.full_clean()
    client.save()
    return client
