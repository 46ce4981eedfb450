import uuid

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
def test_ensure_database_creates_a_missing_database_once(settings):
    name = f"portal_ensure_{uuid.uuid4().hex[:8]}"
    original = settings.DATABASES["default"]
    settings.DATABASES = {**settings.DATABASES, "default": {**original, "NAME": name}}
    dsn = {"host": original.get("HOST") or "127.0.0.1", "port": original.get("PORT") or 5432,
           "user": original.get("USER") or "postgres", "dbname": "postgres", "autocommit": True}
    try:
        call_command("ensure_database")
        call_command("ensure_database")  # second run: nothing to do, no error
        with psycopg.connect(**dsn) as admin:
            assert admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    finally:
        with psycopg.connect(**dsn) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
