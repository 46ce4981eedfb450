"""Benchmark: generate a synthetic OCDS release package on disk and import it, printing figures.

    python manage.py benchmark_import --bids 1000000 --tenders 100000

Run it on PostgreSQL (DATABASE_URL). The generated rows use their own department (BENCH) and
project codes (BENCH-…); they are removed afterwards unless --keep is given.
"""

import json
import os
import random
import resource
import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from directory.credit_code import ALPHABET, check_character
from directory.models import Department
from monitoring.importing import import_trading_file


def credit_code(rnd: random.Random) -> str:
    body = "91330100" + "".join(rnd.choice(ALPHABET) for _ in range(9))
    return body + check_character(body)


def write_package(path: Path, *, tenders: int, bids: int, firms: int, seed: int) -> None:
    rnd = random.Random(seed)
    bidder_codes = [credit_code(rnd) for _ in range(firms)]
    buyer_codes = [credit_code(rnd) for _ in range(max(firms // 10, 1))]
    bidder_parties = {
        code: {"id": f"CN-USCC-{code}", "name": f"基准建设工程有限公司{i}", "roles": ["tenderer"],
               "identifier": {"scheme": "CN-USCC", "id": code},
               "contactPoint": {"telephone": f"0571-{88000000 + i}", "email": f"bid{i}@bench.cn"},
               "address": {"region": "浙江省", "locality": "杭州市", "streetAddress": f"西湖区文三路{i}号"},
               "details": {"legalRepresentative": f"法人{i}"}}
        for i, code in enumerate(bidder_codes)
    }
    review_body = {"id": "BENCH", "name": "基准监督部门", "roles": ["reviewBody"], "identifier": {"id": "BENCH"}}
    per_tender = bids / tenders
    with open(path, "w", encoding="utf-8") as out:
        out.write('{"uri": "https://example.cn/bench.json", "version": "1.1", '
                  '"publishedDate": "2026-06-01T00:00:00+08:00", "releases": [\n')
        remaining = bids
        for t in range(tenders):
            n = min(remaining - (tenders - t - 1), max(1, round(per_tender + rnd.uniform(-0.5, 0.5))))
            n = max(1, min(n, remaining - (tenders - t - 1)))
            remaining -= n
            chosen = rnd.sample(bidder_codes, n)
            buyer = rnd.choice(buyer_codes)
            budget = rnd.randrange(100_000, 50_000_000)
            amounts = [round(budget * rnd.uniform(0.85, 1.0), 2) for _ in chosen]
            winner = min(range(n), key=amounts.__getitem__)
            day = 1 + t % 28
            release = {
                "ocid": f"ocds-bench-{t:07d}", "id": f"ocds-bench-{t:07d}-01",
                "date": f"2026-05-{day:02d}T10:00:00+08:00", "tag": ["tender", "award"],
                "buyer": {"id": f"CN-USCC-{buyer}"},
                "parties": [
                    {"id": f"CN-USCC-{buyer}", "name": f"基准招标人{buyer[-6:]}", "roles": ["buyer"],
                     "identifier": {"scheme": "CN-USCC", "id": buyer}},
                    review_body,
                    *(bidder_parties[code] for code in chosen),
                ],
                "tender": {"id": f"BENCH-{t:07d}", "title": f"基准工程{t}", "mainProcurementCategory": "works",
                           "value": {"amount": budget, "currency": "CNY"},
                           "tenderPeriod": {"startDate": f"2026-03-{day:02d}T09:00:00+08:00",
                                            "endDate": f"2026-04-{day:02d}T09:30:00+08:00"}},
                "bids": {"details": [
                    {"id": f"{t}-{i}", "date": f"2026-04-{day:02d}T08:00:00+08:00", "status": "valid",
                     "tenderers": [{"id": f"CN-USCC-{code}"}], "value": {"amount": amount, "currency": "CNY"}}
                    for i, (code, amount) in enumerate(zip(chosen, amounts, strict=True))
                ]},
                "awards": [{"id": f"{t}-a", "status": "active", "date": f"2026-05-{day:02d}T10:00:00+08:00",
                            "suppliers": [{"id": f"CN-USCC-{chosen[winner]}"}],
                            "value": {"amount": amounts[winner], "currency": "CNY"}}],
            }
            out.write(json.dumps(release, ensure_ascii=False))
            out.write(",\n" if t < tenders - 1 else "\n")
        out.write("]}\n")


class Command(BaseCommand):
    help = "Generate a synthetic OCDS package and time its import (figures for docs/monitoring.md)."

    def add_arguments(self, parser):
        parser.add_argument("--bids", type=int, default=1_000_000)
        parser.add_argument("--tenders", type=int, default=100_000)
        parser.add_argument("--firms", type=int, default=20_000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--file", help="Reuse or keep the package at this path instead of a temporary file.")
        parser.add_argument("--keep", action="store_true", help="Keep the imported rows.")

    def handle(self, *args, bids, tenders, firms, seed, file, keep, **options):
        if bids < tenders:
            bids = tenders
        self.stdout.write(f"Database: {connection.vendor}")
        self._clean_up()  # leftovers of an interrupted earlier run would count as "unchanged"
        Department.objects.get_or_create(code="BENCH", defaults={"name": "基准监督部门"})
        path = Path(file) if file else Path(tempfile.mkdtemp()) / "bench-package.json"
        if not path.exists():
            started = time.monotonic()
            write_package(path, tenders=tenders, bids=bids, firms=firms, seed=seed)
            self.stdout.write(f"Generated {path} ({path.stat().st_size / 2**20:,.0f} MiB) with {tenders:,} tenders "
                              f"and {bids:,} bids in {time.monotonic() - started:.1f} s")
        try:
            from monitoring.management.commands.import_trading import ProgressBar

            bar = ProgressBar(self.stderr._out, "import")
            load_before = os.getloadavg()[0]
            cpu = time.process_time()
            report = import_trading_file(path, kind="ocds", progress=bar)
            cpu = time.process_time() - cpu
            bar.close()
            self.stdout.write(
                f"Load average before/after: {load_before:.1f}/{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; "
                f"CPU time of this process during the import: {cpu:.1f} s (the database server's is extra)"
            )
            self.stdout.write(
                f"First import: {report.rows_imported:,} releases in {report.seconds:.1f} s "
                f"({report.written['directory.Bid'] / max(report.seconds, 1e-9):,.0f} bids/s); written: "
                + ", ".join(f"{k} {v:,}" for k, v in sorted(report.written.items()))
            )
            if report.errors:
                self.stdout.write(f"{len(report.errors)} errors, first: {report.errors[0]}")
            again = import_trading_file(path, kind="ocds")
            self.stdout.write(f"Re-import (idempotent): {again.rows_unchanged:,} unchanged, "
                              f"{again.rows_imported:,} imported in {again.seconds:.1f} s")
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            self.stdout.write(f"Peak memory of this process: {peak:,.0f} MiB")
        finally:
            if not keep:
                self._clean_up()
            if not file:
                path.unlink(missing_ok=True)

    @transaction.atomic
    def _clean_up(self):
        """Set-based deletes of the benchmark's rows (a model-level delete would send a signal per row)."""
        statements = (
            "CREATE TEMP TABLE bench_projects AS SELECT id, tenderer_id FROM directory_tradingproject "
            "WHERE code LIKE %(projects)s",
            "CREATE TEMP TABLE bench_entities AS SELECT tenderer_id AS id FROM bench_projects "
            "UNION SELECT id FROM directory_marketentity WHERE name LIKE %(entities)s",
            "DELETE FROM directory_bid WHERE project_id IN (SELECT id FROM bench_projects)",
            "DELETE FROM directory_award WHERE project_id IN (SELECT id FROM bench_projects)",
            "DELETE FROM monitoring_ocdsrelease WHERE project_id IN (SELECT id FROM bench_projects)",
            "DELETE FROM directory_tradingproject WHERE id IN (SELECT id FROM bench_projects)",
            "DELETE FROM directory_entityrelation WHERE entity_id IN (SELECT id FROM bench_entities)",
            "DELETE FROM directory_marketentity e WHERE id IN (SELECT id FROM bench_entities) "
            "AND NOT EXISTS (SELECT 1 FROM directory_bid WHERE bidder_id = e.id) "
            "AND NOT EXISTS (SELECT 1 FROM directory_tradingproject WHERE tenderer_id = e.id)",
            "DROP TABLE bench_projects",
            "DROP TABLE bench_entities",
        )
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql, {"projects": "BENCH-%", "entities": "基准%"})
