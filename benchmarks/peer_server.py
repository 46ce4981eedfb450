"""The peer (benchmarks/peer: django-helpdesk's public ticket form) under the same gunicorn, on a
database beside the benchmark's on the same PostgreSQL server."""

import contextlib
import os
import subprocess
import sys

import psycopg
from django.conf import settings

from benchmarks.load import ROOT, database_url, gunicorn

SUBMIT_URL = "/tickets/submit/"
SETTINGS = "benchmarks.peer.settings"


def peer_database_name() -> str:
    return f"{settings.DATABASES['default']['NAME']}_peer"


def _create_database(name: str) -> None:
    database = settings.DATABASES["default"]
    with psycopg.connect(
        host=database["HOST"],
        port=database["PORT"] or 5432,
        dbname="postgres",
        user=database["USER"],
        password=database["PASSWORD"] or None,
        autocommit=True,
    ) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


@contextlib.contextmanager
def peer_server():
    """Yield (base URL, gunicorn master process) of the peer, its database migrated, one public queue."""
    name = peer_database_name()
    _create_database(name)
    env = {"PEER_DATABASE_URL": database_url(name), "DJANGO_SETTINGS_MODULE": SETTINGS}
    subprocess.run(  # noqa: S603 - our own fixed command line
        [sys.executable, "-m", "benchmarks.peer.prepare"], cwd=ROOT, env={**os.environ, **env}, check=True
    )
    with gunicorn("benchmarks.peer.wsgi", env, health_path=SUBMIT_URL) as served:
        yield served
