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


def test_the_simulated_market_looks_like_the_demo_city(roles):
    """Issue 13 item 15: in the demo city each simulated trade sits with the department that
    supervises it, every tender's buyer and bidders belong to that department, and firms, buyers
    and their representatives carry ordinary names."""
    from directory import demo as directory_demo
    from directory.models import MarketEntity, TradingProject

    directory_demo.seed(io.StringIO())
    simulate(seed=9, tenders=720)  # six trades
    tenders = TradingProject.objects.filter(code__startswith="SIM9-").select_related("department", "tenderer")
    assert {t.department.code for t in tenders} == {"ZJ", "SL", "WJ", "CZ"}  # 房建/市政/水利/园林 … 医疗设备
    for tender in tenders:
        assert tender.tenderer.department_id == tender.department_id, tender
        bidders = MarketEntity.objects.filter(bids__project=tender)
        assert set(bidders.values_list("department_id", flat=True)) == {tender.department_id}, tender
    water = tenders.filter(department__code="SL")
    assert water.exists() and all("河道" in t.name and "水务" in t.tenderer.name for t in water)
    assert not MarketEntity.objects.filter(bids__project__in=water, name__contains="医疗").exists()
    simulated = MarketEntity.objects.filter(code__in=SimulatedTruth.objects.filter(seed=9).values("code"))
    assert not simulated.filter(name__contains="模拟").exists()
    assert not simulated.filter(relations__kind="legal_representative", relations__value__regex=r"\d").exists()
