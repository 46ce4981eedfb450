"""Item 12: a plan never stays in `drawing` — the draw task retries and then fails the plan, the
sweep queues a lost draw again and fails it when that does not help, and a broker outage at the
start of a draw costs nothing."""

import datetime as dt

import pytest
from django.utils import timezone

from inspections.draw import algorithm
from inspections.models import InspectionPlan, PlanEvent
from inspections.services import draw_recovery, plans
from inspections.tasks import run_draw

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved_plan(make_plan, manager):
    plan = make_plan(ratio_a=1000, ratio_b=1000, ratio_c=2000, ratio_d=5000)
    plans.approve_plan(plan=plan, actor=manager)
    return InspectionPlan.objects.get(pk=plan.pk)


def start(plan, manager, capture):
    with capture(execute=True):
        plans.start_draw(plan=plan, actor=manager, now=plan.draw_at + dt.timedelta(minutes=1))
    return InspectionPlan.objects.get(pk=plan.pk)


def test_a_draw_that_keeps_erroring_is_retried_then_failed(approved_plan, manager, monkeypatch,
                                                           django_capture_on_commit_callbacks):
    calls = []

    def broken(*args, **kwargs):
        calls.append(1)
        raise RuntimeError("database went away")

    monkeypatch.setattr(algorithm, "run_draw", broken)
    start(approved_plan, manager, django_capture_on_commit_callbacks)  # the user who started it sees no error
    plan = InspectionPlan.objects.get(pk=approved_plan.pk)
    assert plan.state == "failed"
    assert "database went away" in plan.draw_message
    assert len(calls) == run_draw.max_retries + 1
    assert PlanEvent.objects.filter(plan=plan, action="draw_failed").count() == 1


def test_a_passing_error_is_retried_and_the_draw_completes(approved_plan, manager, monkeypatch,
                                                           django_capture_on_commit_callbacks):
    real, calls = algorithm.run_draw, []

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("connection reset")
        return real(*args, **kwargs)

    monkeypatch.setattr(algorithm, "run_draw", flaky)
    plan = start(approved_plan, manager, django_capture_on_commit_callbacks)
    assert plan.state == "drawn" and len(calls) == 2


def test_a_broker_outage_at_the_start_is_healed_by_the_sweep(approved_plan, manager, monkeypatch,
                                                             django_capture_on_commit_callbacks):
    def broker_down(*args, **kwargs):
        raise ConnectionRefusedError("redis unreachable")

    monkeypatch.setattr(run_draw, "delay", broker_down)
    plan = start(approved_plan, manager, django_capture_on_commit_callbacks)  # no error for the user
    assert plan.state == "drawing"
    assert draw_recovery.sweep_stuck_draws(now=timezone.now() + dt.timedelta(minutes=5)) == {
        "requeued": [], "failed": []}  # still young: maybe running

    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        outcome = draw_recovery.sweep_stuck_draws(now=timezone.now() + dt.timedelta(minutes=31))
    assert outcome == {"requeued": [plan.code], "failed": []}
    plan = InspectionPlan.objects.get(pk=plan.pk)
    assert plan.state == "drawn"
    assert PlanEvent.objects.filter(plan=plan, action="draw_requeued").count() == 1


def test_a_draw_lost_again_and_again_ends_failed(approved_plan, manager, monkeypatch, settings,
                                                 django_capture_on_commit_callbacks):
    settings.DRAW_STALE_MINUTES, settings.DRAW_MAX_REQUEUES = 30, 2
    monkeypatch.setattr(run_draw, "delay", lambda *args, **kwargs: None)  # queued, then lost
    plan = start(approved_plan, manager, django_capture_on_commit_callbacks)
    outcomes = []
    for hours in (1, 2, 3):
        with django_capture_on_commit_callbacks(execute=True):
            outcomes.append(draw_recovery.sweep_stuck_draws(now=timezone.now() + dt.timedelta(hours=hours)))
    assert outcomes == [{"requeued": [plan.code], "failed": []}, {"requeued": [plan.code], "failed": []},
                        {"requeued": [], "failed": [plan.code]}]
    plan = InspectionPlan.objects.get(pk=plan.pk)
    assert plan.state == "failed" and "3" in plan.draw_message
    assert draw_recovery.sweep_stuck_draws(now=timezone.now() + dt.timedelta(hours=9)) == {"requeued": [], "failed": []}


def test_the_sweep_runs_periodically(settings):
    assert settings.CELERY_BEAT_SCHEDULE["inspections.sweep_stuck_draws"]["task"] == "inspections.sweep_stuck_draws"
