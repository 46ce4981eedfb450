"""The portal under gunicorn (2 workers) and locust driving it, headless, one scenario at a time."""

from __future__ import annotations

import contextlib
import csv
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psutil
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
BIN = Path(sys.executable).parent
WORKERS = 2


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url(name: str | None = None) -> str:
    """The URL of the database this process uses (in tests, the test database), or of `name` beside it."""
    database = settings.DATABASES["default"]
    return (
        f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST']}:{database['PORT'] or 5432}"
        f"/{name or database['NAME']}"
    )


@contextlib.contextmanager
def portal_server():
    """Yield (base URL, gunicorn master process) with the benchmark settings (settings.BENCH_SERVER)."""
    env = {
        "DATABASE_URL": database_url(),
        "BENCH_SERVER": "1",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "TRUSTED_PROXY_COUNT": "1",
        # One API client files for the whole round: its hourly limit (1,200) would refuse the rest.
        "API_CLIENT_RATE": "1000000/hour",
    }
    # DEBUG=0 serves the hashed files: collected with the server's own settings (not this process's,
    # which in tests store static files without a manifest).
    subprocess.run(  # noqa: S603 - our own fixed command line
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env={**os.environ, **env},
        check=True,
    )
    with gunicorn("portal.wsgi", env, health_path="/healthz") as served:
        yield served


@contextlib.contextmanager
def gunicorn(wsgi_module: str, env: dict, *, health_path: str):
    """Serve `wsgi_module` with WORKERS sync workers; yield (base URL, master process) once it answers."""
    port = _free_port()
    command = [
        str(BIN / "gunicorn"),
        wsgi_module,
        "--workers",
        str(WORKERS),
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        "--timeout",
        "120",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env})  # noqa: S603 - our own fixed command line
    base = f"http://127.0.0.1:{port}"
    try:
        for _attempt in range(120):
            with contextlib.suppress(OSError):
                urllib.request.urlopen(f"{base}{health_path}", timeout=5)  # noqa: S310 - our own server
                break
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn did not start {wsgi_module}")
            time.sleep(0.5)
        yield base, psutil.Process(process.pid)
    finally:
        process.terminate()
        process.wait(timeout=30)


def worker_cpu_seconds(master: psutil.Process) -> float:
    total = 0.0
    for worker in master.children():
        with contextlib.suppress(psutil.NoSuchProcess):
            times = worker.cpu_times()
            total += times.user + times.system
    return total


def warm_up(base: str, config: dict) -> None:
    """Open the scenario's page a few times first, so each worker has loaded its code and templates."""
    url = next(
        config[key]
        for key in ("report_url", "peer_url", "queue_url", "track_url", "search_url", "api_url")
        if key in config
    )
    request = urllib.request.Request(f"{base}{url}", headers={"Cookie": f"sessionid={config.get('session', '')}"})  # noqa: S310 - our own server
    for _attempt in range(2 * WORKERS):
        with contextlib.suppress(OSError):
            urllib.request.urlopen(request, timeout=60).read()  # noqa: S310 - our own server


def run_scenario(base: str, master: psutil.Process, user_class: str, config: dict, *, users: int, seconds: int) -> dict:
    """Drive one scenario; {"flows", "flows_per_s", "p50", "p95", "queries", "cpu_ms", "failures"} of its FLOW."""
    with tempfile.TemporaryDirectory() as scratch:
        config_file = Path(scratch) / "config.json"
        config_file.write_text(json.dumps(config), encoding="utf-8")
        warm_up(base, config)
        before = worker_cpu_seconds(master)
        subprocess.run(  # noqa: S603 - our own fixed command line
            [
                str(BIN / "locust"),
                "-f",
                str(ROOT / "benchmarks" / "locustfile.py"),
                "--headless",
                "--users",
                str(users),
                "--spawn-rate",
                str(users),
                "--run-time",
                f"{seconds}s",
                "--host",
                base,
                "--csv",
                f"{scratch}/run",
                "--only-summary",
                "--loglevel",
                "ERROR",
                "--stop-timeout",
                "10",
                user_class,
            ],
            cwd=ROOT,
            env={**os.environ, "BENCH_LOCUST_CONFIG": str(config_file)},
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            timeout=seconds + 120,
        )
        cpu = worker_cpu_seconds(master) - before
        with open(f"{scratch}/run_stats.csv", encoding="utf-8") as stats:
            rows = {(row["Type"], row["Name"]): row for row in csv.DictReader(stats)}
    flow = next((row for (kind, _name), row in rows.items() if kind == "FLOW"), None)
    queries = next((row for (kind, _name), row in rows.items() if kind == "QUERIES"), None)
    aggregated = rows.get(("", "Aggregated"), {})
    if flow is None or int(flow["Request Count"]) == 0:
        return {"flows": 0, "failures": int(aggregated.get("Failure Count", 0) or 0)}
    flows = int(flow["Request Count"])
    return {
        "flows": flows,
        "flows_per_s": flows / seconds,
        "p50": float(flow["50%"]),
        "p95": float(flow["95%"]),
        "queries": float(queries["Average Content Size"]) if queries else None,
        "cpu_ms": cpu * 1000 / flows,
        "failures": int(aggregated.get("Failure Count", 0) or 0),
    }


def raw_insert_rate(seconds: float = 5.0) -> float:
    """Rows per second of INSERT + COMMIT, one at a time over one psycopg connection to the same database."""
    import psycopg

    database = settings.DATABASES["default"]
    with psycopg.connect(
        host=database["HOST"],
        port=database["PORT"] or 5432,
        dbname=database["NAME"],
        user=database["USER"],
        password=database["PASSWORD"] or None,
    ) as connection:
        connection.execute(
            "CREATE TABLE IF NOT EXISTS bench_raw_insert (id bigserial PRIMARY KEY, body text, "
            "created_at timestamptz NOT NULL DEFAULT now())"
        )
        connection.commit()
        rows, started = 0, time.perf_counter()
        while time.perf_counter() - started < seconds:
            connection.execute(
                "INSERT INTO bench_raw_insert (body) VALUES (%s)", ["多家投标人的投标文件由同一人制作。"]
            )
            connection.commit()
            rows += 1
        elapsed = time.perf_counter() - started
        connection.execute("DROP TABLE bench_raw_insert")
        connection.commit()
    return rows / elapsed
