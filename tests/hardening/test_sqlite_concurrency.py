"""Issue 9, item 7: the embedded default (SQLite) holds concurrent logins without a 500."""

import sqlite3
import threading

import pytest
from django.conf import settings
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from directory.roles import COMPLAINANT
from tests.factories.directory import UserFactory

pytestmark = pytest.mark.skipif(
    not settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"), reason="the embedded default is SQLite"
)

THREADS = 8
ATTEMPTS = 6


def test_sqlite_is_configured_for_concurrent_use():
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 10
    assert "journal_mode=WAL" in options["init_command"].replace(" ", "")


@pytest.fixture
def file_database(transactional_db, tmp_path, monkeypatch):
    """The migrated test database copied to a file, used by every new thread's connection, as
    the one-command portal uses var/portal.sqlite3 (an in-memory database has no file locking)."""
    path = tmp_path / "portal.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.close()
    monkeypatch.setitem(connections.settings, "default", {**connections.settings["default"], "NAME": str(path)})
    return path


def test_concurrent_logins_get_no_server_error(roles, file_database):
    # Users are created in the copied database through a connection of its own.
    def create_users():
        for n in range(THREADS):
            UserFactory(username=f"user{n}", password=f"right-pass-{n}", roles=[COMPLAINANT])
        connections.close_all()

    creator = threading.Thread(target=create_users)
    creator.start()
    creator.join()

    statuses, errors = [], []
    start = threading.Barrier(THREADS)

    def log_in(n):
        try:
            client = Client(raise_request_exception=False, REMOTE_ADDR=f"10.1.0.{n + 1}")
            url = reverse("accounts:login") if n % 2 else reverse("wagtailadmin_login")
            start.wait()
            for attempt in range(ATTEMPTS):
                password = f"right-pass-{n}" if attempt == ATTEMPTS - 1 else "wrong-password"
                statuses.append(client.post(url, {"username": f"user{n}", "password": password}).status_code)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=log_in, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not errors
    assert len(statuses) == THREADS * ATTEMPTS
    assert 500 not in statuses, statuses
    assert set(statuses) <= {200, 302, 429}
