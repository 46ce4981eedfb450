"""Transaction-scoped advisory locks: one writer at a time for derived data rebuilt in one go."""

import hashlib

from django.db import connections


def advisory_xact_lock(name: str, *, using: str = "default") -> None:
    """Wait for the PostgreSQL advisory lock `name` until the current transaction ends.
    SQLite serialises writers by itself, so there is nothing to take there."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    key = int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])
