"""`manage.py bench` end to end at a tiny scale (a smoke test: the figures are not asserted, only
that the table has every row and the data was seeded). PostgreSQL only, like the command."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from benchmarks.management.commands.bench import ALONE, PEER, QUEUES, SEARCH_TERMS
from cases.models import Case
from publicity.models import Disclosure
from tests.conftest import requires_postgres

EXPECTED_ROWS = [
    PEER,
    "filing: web form (GET + POST)",
    "filing: API (POST)",
    *QUEUES,
    "tracking lookup",
    *SEARCH_TERMS,
    "statistics: one quarter",
    "statistics: one year",
    "statistics: four years",
    "daily overdue scan",
    "draw over 100 targets",
    "full screen run over the bids",
    *(f"{label}{ALONE}" for label in [*QUEUES, "tracking lookup", *SEARCH_TERMS]),
]


@requires_postgres()
@pytest.mark.django_db(transaction=True)
def test_bench_runs_end_to_end_at_a_tiny_scale(roles, tmp_path):
    out = io.StringIO()
    result_file = tmp_path / "bench.json"
    call_command(
        "bench", scale=0.0001, seconds=2, users=1, json_file=str(result_file), stdout=out, stderr=io.StringIO()
    )
    table = out.getvalue()
    for row in EXPECTED_ROWS:
        assert f"| {row}" in table, row
    results = json.loads(result_file.read_text("utf-8"))
    assert set(EXPECTED_ROWS) <= set(results) and results["raw_inserts_per_s"] > 0
    # Every page answered (the peer really filed tickets), and the portal's filing is set beside it.
    for row in EXPECTED_ROWS:
        if "flows" in results[row]:
            assert results[row]["flows"] > 0 and results[row]["failures"] == 0, (row, results[row])
    assert "flows/peer = " in table
    assert Case.objects.filter(number__startswith="BM").count() == 200 and Disclosure.objects.count() == 200
    # The tiny share of rows holding a rare term is still findable through the token index.
    assert Disclosure.objects.filter(search_tokens__contains="围标").exists()


@pytest.mark.django_db
def test_bench_refuses_anything_but_postgresql(monkeypatch):
    monkeypatch.setattr(connection, "vendor", "sqlite")
    with pytest.raises(CommandError, match="PostgreSQL only"):
        call_command("bench", scale=0.0001)
