"""Run every enabled screen over the trading data now and record the run and its leads."""

import json

from django.core.management.base import BaseCommand

from monitoring.models import RunTrigger
from monitoring.services.runs import run_now


class Command(BaseCommand):
    help = "Run the bid-rigging screens once and print the run's figures."

    def handle(self, *args, **options):
        run = run_now(trigger=RunTrigger.COMMAND)
        self.stdout.write(f"Run #{run.pk}: {run.project_count} tenders, {run.bid_count} bids, "
                          f"{run.duration_seconds:.2f} s")
        self.stdout.write(json.dumps(run.counts, ensure_ascii=False, indent=1))
