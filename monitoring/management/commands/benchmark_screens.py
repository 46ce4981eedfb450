"""Benchmark: a full screen run over a large simulated market (DESIGN §6, issue 11 item 5)."""

import resource
import time

from django.core.management.base import BaseCommand
from django.db import connection

from directory.models import Bid, TradingProject
from monitoring.models import RunTrigger, SimulatedTruth
from monitoring.services.runs import run_now
from monitoring.simulation import simulate


class Command(BaseCommand):
    help = "Simulate a market of --tenders tenders (unless seed --seed exists) and time a full screen run."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=900)
        parser.add_argument("--tenders", type=int, default=100_000)

    def handle(self, *args, **options):
        if not SimulatedTruth.objects.filter(seed=options["seed"]).exists():
            tick = time.perf_counter()
            simulate(seed=options["seed"], tenders=options["tenders"], stdout=self.stdout)
            self.stdout.write(f"seeded in {time.perf_counter() - tick:.1f} s")
        if connection.vendor == "postgresql":  # fresh planner statistics, as autovacuum would give
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(f"data: {TradingProject.objects.count()} tenders, {Bid.objects.count()} bids")
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        run = run_now(trigger=RunTrigger.COMMAND)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        self.stdout.write(f"run #{run.pk} {run.state}: {run.duration_seconds:.1f} s, peak RSS {peak / 1024:.0f} MiB "
                          f"(before the run {before / 1024:.0f} MiB)")
        for screen, row in run.counts.items():
            self.stdout.write(f"  {screen}: {row}")
