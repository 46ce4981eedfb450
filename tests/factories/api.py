"""Integration clients, created through api.services like the back office does."""

import datetime as dt

from django.utils import timezone

from api import services
from api.models import Scope

ALL_SCOPES = list(Scope.values)


def make_client(*, department, acts_as=None, scopes=(Scope.FILE_CASES,), name=None, allowed_networks="",
                expires_in_days=30, is_active=True):
    """Returns (client, token)."""
    issued = services.create_client(
        name=name or f"交易平台-{department.code}-{timezone.now().timestamp()}", department=department,
        acts_as=acts_as, scopes=list(scopes), allowed_networks=allowed_networks,
        expires_at=timezone.now() + dt.timedelta(days=expires_in_days), is_active=is_active,
    )
    return issued.client, issued.token


def bearer(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}
