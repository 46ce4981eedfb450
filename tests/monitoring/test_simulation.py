"""The simulator, its evaluation and the demo: the screens find the planted schemes, leave the
honest look-alikes alone, and never read the ground truth."""

import io

import pytest
from django.core.management import call_command

from monitoring import demo
from monitoring.evaluation import evaluate
from monitoring.models import Lead, RunTrigger, Screen, ScreenRun, SimulatedTruth
from monitoring.simulation import simulate

pytestmark = pytest.mark.django_db


def test_screens_find_planted_collusion_and_spare_honest_lookalikes():
    summary = simulate(seed=5, tenders=800)
    assert summary["collusive_tenders"] > 0
    assert SimulatedTruth.objects.filter(seed=5, scheme__in=["cheap", "expensive", "sister"]).exists()
    report = evaluate(seed=5)
    assert report["overall"]["f1"] >= 0.85
    assert report["lookalikes_flagged"] == []
    assert report["screens"][Screen.RELATED_BIDDERS]["precision"] == 1.0


def test_screens_do_not_read_the_ground_truth(monkeypatch):
    simulate(seed=6, tenders=200)
    from monitoring.models import simulation as truth_module

    def refuse(*args, **kwargs):
        raise AssertionError("a screen read the ground truth")

    monkeypatch.setattr(truth_module.SimulatedTruth.objects, "filter", refuse)
    monkeypatch.setattr(truth_module.SimulatedTruth.objects, "all", refuse)
    call_command("run_screens", stdout=io.StringIO())
    assert ScreenRun.objects.get().state == "succeeded"


def test_commands_print_their_figures():
    out = io.StringIO()
    call_command("simulate_market", "--seed", "8", "--tenders", "150", stdout=out)
    call_command("evaluate_screens", "--seed", "8", stdout=out)
    assert "OVERALL" in out.getvalue() and "precision" in out.getvalue()


def test_demo_is_idempotent_and_leaves_leads_in_the_queue():
    demo.seed(io.StringIO())
    leads = Lead.objects.count()
    assert leads > 0 and Lead.objects.filter(screen=Screen.COLLUSIVE_TENDER).exists()
    demo.seed(io.StringIO())
    assert Lead.objects.count() == leads
    assert ScreenRun.objects.filter(trigger=RunTrigger.DEMO).count() == 2
