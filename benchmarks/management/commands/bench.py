"""`python manage.py bench --scale N [--json FILE]`: seed at scale, load the portal under gunicorn
with locust, run the batch jobs, print one table (docs/PERFORMANCE.md). PostgreSQL only, on a
scratch database: it deletes and regenerates cases, disclosures and trading data."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.urls import reverse

from benchmarks import jobs, load, peer_server, report, seed
from cases.models import Case

QUEUES = {  # label: (queue, query string, who works from it)
    "queue: mine": ("mine", "", "handler"),
    "queue: department": ("department", "", "head"),
    "queue: office (all, still open)": ("all", "?open=true", "supervisor"),
    "queue: overdue": ("overdue", "", "supervisor"),
    "queue: due soon": ("due_soon", "", "supervisor"),
}
SEARCH_TERMS = {  # label: term (frequencies: benchmarks.seed.DISCLOSURE_ROWS)
    "disclosure search: rare 2 characters (围标)": "围标",
    "disclosure search: common 2 characters (罚款)": "罚款",
    "disclosure search: rare 4 characters (串通投标)": "串通投标",
    "disclosure search: common 4 characters (招标代理)": "招标代理",
}

PEER = "peer: django-helpdesk 2.6.1 public ticket form (GET + POST)"
ALONE = ", one visitor at a time"
ALONE_PREFIXES = ("queue", "tracking", "disclosure search")


def _raw_note(result: dict, raw_rate: float) -> str:
    if not result.get("flows"):
        return ""
    return f"raw INSERT+commit {raw_rate:,.0f}/s; flows/raw = {result['flows_per_s'] / raw_rate:.3f}"


class Command(BaseCommand):
    help = "Seed data at --scale (1.0: a city's million cases), drive the portal and print one table."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0)
        parser.add_argument("--json", dest="json_file", default="")
        parser.add_argument("--users", type=int, default=8, help="Concurrent visitors per web scenario.")
        parser.add_argument("--seconds", type=int, default=20, help="Duration of each web scenario.")
        parser.add_argument("--reseed", action="store_true", help="Generate the data again even if present.")

    def handle(self, *args, scale, json_file, users, seconds, reseed, **options):
        if connection.vendor != "postgresql":
            raise CommandError("bench runs on PostgreSQL only: set DATABASE_URL to a scratch PostgreSQL database.")
        if Case.objects.exclude(number__startswith="BM").exclude(title__startswith="基准").exists():
            raise CommandError("This database holds real cases. Run the benchmark on a scratch database.")
        say = self.stderr.write
        fixtures = seed.seed_all(scale, reseed=reseed, say=say)
        say("raw psycopg INSERT + COMMIT rate …")
        raw_rate = load.raw_insert_rate(min(5.0, seconds / 2))
        rows, results = [], {"scale": scale, "users": users, "seconds": seconds, "raw_inserts_per_s": raw_rate}
        # The peer first, the same way: same load generator, visitors, duration and database server.
        say(f"load: {PEER} …")
        with peer_server.peer_server() as (base, master):
            peer = load.run_scenario(
                base, master, "PeerWebFiling", {"peer_url": peer_server.SUBMIT_URL}, users=users, seconds=seconds
            )
        results[PEER] = peer
        rows.append(report.web_row(PEER, peer, _raw_note(peer, raw_rate)))
        with load.portal_server() as (base, master):
            for label, user_class, config in self._scenarios(fixtures):
                say(f"load: {label} …")
                result = load.run_scenario(base, master, user_class, config, users=users, seconds=seconds)
                results[label] = result
                note = ""
                if label.startswith("filing") and result.get("flows"):
                    note = _raw_note(result, raw_rate)
                    if peer.get("flows"):
                        note += f"; flows/peer = {result['flows_per_s'] / peer['flows_per_s']:.2f}"
                rows.append(report.web_row(label, result, note))
            # The same pages for one visitor at a time: their own latency, without the queueing of
            # the concurrent rounds above (p95 there is about visitors / throughput).
            for label, user_class, config in self._scenarios(fixtures):
                if label.startswith(ALONE_PREFIXES):
                    say(f"load: {label}, one at a time …")
                    result = load.run_scenario(base, master, user_class, config, users=1,
                                               seconds=max(2, seconds // 2))
                    results[f"{label}{ALONE}"] = result
                    rows.append(report.web_row(f"{label}{ALONE}", result, ""))
        for label, result in jobs.run_all(seed.counts(scale), say).items():
            results[label] = result
            rows.append(report.batch_row(label, result))
        self.stdout.write(
            f"\nbench --scale {scale}: {users} concurrent visitors, {seconds} s per web scenario, "
            f"gunicorn with {load.WORKERS} workers\n"
        )
        self.stdout.write(report.table(rows) + "\n")
        if json_file:
            with open(json_file, "w", encoding="utf-8") as out:
                json.dump(results, out, ensure_ascii=False, indent=2)

    @staticmethod
    def _scenarios(fixtures):
        yield "filing: web form (GET + POST)", "WebFiling", {"report_url": reverse("cases:report_new")}
        yield "filing: API (POST)", "ApiFiling", {"api_url": reverse("api:cases"), "api_token": fixtures.api_token}
        for label, (queue, query, who) in QUEUES.items():
            yield (
                label,
                "StaffQueue",
                {
                    "queue_url": reverse("cases_queue", args=[queue]) + query,
                    "session": fixtures.sessions[who],
                    "label": label,
                },
            )
        yield "tracking lookup", "Tracking", {"track_url": reverse("cases:track"), "tracking": fixtures.tracking}
        for label, term in SEARCH_TERMS.items():
            yield label, "DisclosureSearch", {"search_url": reverse("publicity:list"), "term": term, "label": label}
