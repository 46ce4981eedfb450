"""Demo data: a small simulated market, screened, so the leads queue, a ring's network and the
company profiles have something real to show after `make run`. Safe to run again."""

from monitoring.models import RunTrigger, SimulatedTruth
from monitoring.services.runs import run_now
from monitoring.simulation import simulate

DEMO_SEED = 7
DEMO_TENDERS = 400


def seed(stdout) -> None:
    if not SimulatedTruth.objects.filter(seed=DEMO_SEED).exists():
        simulate(seed=DEMO_SEED, tenders=DEMO_TENDERS)
    run = run_now(trigger=RunTrigger.DEMO)
    leads = sum(row.get("created", 0) + row.get("unchanged", 0) + row.get("updated", 0)
                for row in run.counts.values() if isinstance(row, dict))
    stdout.write(f"monitoring: simulated market (seed {DEMO_SEED}, {run.project_count} tenders, {run.bid_count} bids), "
                 f"screen run #{run.pk}: {leads} leads")
