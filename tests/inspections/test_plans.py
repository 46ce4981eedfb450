import datetime as dt
import json

import pytest
from django.utils import timezone

from inspections import selectors
from inspections.draw import algorithm
from inspections.models import DrawRecord, Inspection, InspectionPlan, PlanEvent
from inspections.services import plans, sealing
from portal.errors import ActionNotAllowed, DomainError, PermissionRefused
from tests.factories.directory import UserFactory
from tests.factories.inspections import InspectorTieFactory

pytestmark = pytest.mark.django_db


def test_approval_freezes_and_publishes_the_manifest(make_plan, manager, city):
    plan = make_plan(departments=("ZJ", "JT"))
    record = plans.approve_plan(plan=plan, actor=manager)
    plan = InspectionPlan.objects.get(pk=plan.pk)
    assert plan.state == "approved" and plan.approved_by == manager
    manifest = json.loads(record.manifest_json)
    assert manifest["algorithm"] == algorithm.ALGORITHM_VERSION
    assert manifest["parameters"]["departments"] == ["JT", "ZJ"]
    assert manifest["parameters"]["ratios_bp"] == {"A": 100, "B": 200, "C": 1000, "D": 3000}
    assert manifest["target_snapshot_sha256"] == algorithm.sha256_hex(record.target_snapshot.encode())
    assert manifest["inspector_snapshot_sha256"] == algorithm.sha256_hex(record.inspector_snapshot.encode())
    assert manifest["seed_commitment"] == algorithm.commitment(sealing.unseal(record.sealed_secret))
    assert record.manifest_sha256 == algorithm.sha256_hex(record.manifest_json.encode())
    assert len(algorithm.parse_target_snapshot(record.target_snapshot.encode())) == 40
    assert PlanEvent.objects.filter(plan=plan, action="approve").exists()
    with pytest.raises(ActionNotAllowed):
        plans.save_plan(actor=manager, plan=plan, values={"ratio_a": 5000}, departments=[city["zj"]],
                        items=city["items"]["ZJ"])


def test_approval_refuses_an_incomplete_plan_and_changes_nothing(make_plan, manager, city):
    plan = make_plan(departments=("ZJ", "JT"))
    plan.items.set(city["items"]["ZJ"])
    with pytest.raises(DomainError, match="每个部门至少需要一个抽查事项"):
        plans.approve_plan(plan=plan, actor=manager)
    plan = InspectionPlan.objects.get(pk=plan.pk)
    assert plan.state == "draft" and not hasattr(plan, "draw_record")


def test_approval_refuses_a_past_draw_time(make_plan, manager):
    plan = make_plan(draw_at=timezone.now() - dt.timedelta(minutes=5))
    with pytest.raises(DomainError, match="抽取时间已过"):
        plans.approve_plan(plan=plan, actor=manager)


def test_only_managers_approve(make_plan, roles):
    plan = make_plan()
    with pytest.raises(PermissionRefused):
        plans.approve_plan(plan=plan, actor=UserFactory())


def test_draw_cannot_run_before_its_time(make_plan, manager):
    plan = make_plan()
    plans.approve_plan(plan=plan, actor=manager)
    with pytest.raises(DomainError, match="不能提前抽取"):
        plans.start_draw(plan=plan, actor=manager, now=plan.draw_at - dt.timedelta(seconds=1))


def test_announced_public_value_is_required(make_plan, manager):
    plan = make_plan(public_value_source="福彩3D 2026年12月1日开奖号码",
                     public_value_published_at=timezone.now() + dt.timedelta(minutes=30))
    plans.approve_plan(plan=plan, actor=manager)
    with pytest.raises(DomainError, match="请填写为本次抽取预告的公开值"):
        plans.start_draw(plan=plan, actor=manager, now=plan.draw_at)


def test_joint_draw_creates_inspections_with_teams_from_each_department(drawn_plan):
    record = drawn_plan.draw_record
    result = json.loads(record.result_json)
    inspections = list(Inspection.objects.filter(plan=drawn_plan).prefetch_related("assignments__inspector__staff"))
    assert len(inspections) == len(result["selected"]) > 0
    for inspection in inspections:
        departments = {a.inspector.staff.department.code for a in inspection.assignments.all()}
        assert departments == {"ZJ", "JT"}
        assert inspection.items.count() == 4
        assert inspection.state == "assigned"
    assert drawn_plan.draw_progress == 100
    # ceil(ratio * N) per grade, 10 targets per grade over both departments
    assert result["strata"] == {"A": {"eligible": 10, "forced": 0, "selected": 1},
                                "B": {"eligible": 10, "forced": 0, "selected": 1},
                                "C": {"eligible": 10, "forced": 0, "selected": 2},
                                "D": {"eligible": 10, "forced": 0, "selected": 5}}


def test_published_material_reproduces_the_draw(drawn_plan):
    record = drawn_plan.draw_record
    checks = algorithm.verify_published(
        manifest_bytes=record.manifest_json.encode(), target_bytes=record.target_snapshot.encode(),
        inspector_bytes=record.inspector_snapshot.encode(), conflict_bytes=record.conflict_snapshot.encode(),
        reveal={"secret": record.secret, "public_value": record.public_value,
                "conflict_keys": selectors.revealed_conflict_keys(drawn_plan)},
        result_bytes=record.result_json.encode(), published_manifest_sha256=record.manifest_sha256,
    )
    assert all(check.ok for check in checks), checks


def test_forced_targets_and_conflicts_reach_the_snapshots(make_plan, manager, city):
    forced = city["targets"]["ZJ"][0]
    forced.forced_complaint = True
    forced.save()
    inspector = city["inspectors"]["ZJ"][0]
    InspectorTieFactory(inspector=inspector, entity=forced.entity)
    plan = make_plan()
    record = plans.approve_plan(plan=plan, actor=manager)
    targets = {r.target_id: r for r in algorithm.parse_target_snapshot(record.target_snapshot.encode())}
    assert targets[forced.target_id].forced
    # The tie is published only sealed: no snapshot names it ...
    published = record.target_snapshot + record.inspector_snapshot + record.conflict_snapshot + record.manifest_json
    assert record.conflict_key not in published
    tokens = algorithm.parse_conflict_snapshot(record.conflict_snapshot.encode())
    assert len(tokens) == 1
    # ... and the forced target's key, revealed after the draw, finds exactly this inspector.
    key = algorithm.target_conflict_key(record.conflict_key, forced.target_id)
    inspectors = algorithm.parse_inspector_snapshot(record.inspector_snapshot.encode())
    assert algorithm.conflicted_inspectors(targets[forced.target_id], {forced.target_id: key}, tokens,
                                           inspectors) == {inspector.certificate_no}


def test_a_draw_without_enough_free_inspectors_fails_naming_the_target(
    make_plan, manager, city, django_capture_on_commit_callbacks
):
    target = city["targets"]["ZJ"][3]
    target.forced_lead = True
    target.save()
    for inspector in city["inspectors"]["ZJ"][:2]:
        InspectorTieFactory(inspector=inspector, entity=target.entity)
    plan = make_plan()
    plans.approve_plan(plan=plan, actor=manager)
    with django_capture_on_commit_callbacks(execute=True):
        plans.start_draw(plan=plan, actor=manager, now=plan.draw_at)
    plan = InspectionPlan.objects.get(pk=plan.pk)
    assert plan.state == "failed"
    assert target.target_id in plan.draw_message
    assert not plan.inspections.exists()


def test_scheduler_starts_due_draws_without_public_value(make_plan, manager, django_capture_on_commit_callbacks):
    plan = make_plan()
    waiting = make_plan(public_value_source="某期开奖号码", public_value_published_at=timezone.now() + dt.timedelta(minutes=30))
    plans.approve_plan(plan=plan, actor=manager)
    plans.approve_plan(plan=waiting, actor=manager)
    with django_capture_on_commit_callbacks(execute=True):
        started = plans.start_due_draws(now=plan.draw_at + dt.timedelta(minutes=1))
    assert started == [plan.code]
    assert InspectionPlan.objects.get(pk=plan.pk).state == "drawn"
    assert InspectionPlan.objects.get(pk=waiting.pk).state == "approved"


def test_cancelling_needs_a_reason(make_plan, manager):
    plan = make_plan()
    with pytest.raises(DomainError):
        plans.cancel_plan(plan=plan, actor=manager, reason=" ")
    plans.cancel_plan(plan=plan, actor=manager, reason="计划重复")
    plan = InspectionPlan.objects.get(pk=plan.pk)
    assert plan.state == "cancelled"


def test_contract_performance_plans_take_projects_completed_last_quarter(make_plan, manager, city):
    from tests.factories.inspections import ProjectTargetFactory

    inside = ProjectTargetFactory(department=city["zj"], project__completed_on=dt.date(2026, 8, 15))
    ProjectTargetFactory(department=city["zj"], project__completed_on=dt.date(2026, 5, 15))
    ProjectTargetFactory(department=city["zj"], project__completed_on=None)
    plan = make_plan(kind="contract_performance", ratio_a=500, ratio_b=500, ratio_c=1000, ratio_d=1000,
                     period_start=dt.date(2026, 10, 1))
    record = plans.approve_plan(plan=plan, actor=manager)
    ids = [r.target_id for r in algorithm.parse_target_snapshot(record.target_snapshot.encode())]
    assert ids == [inside.target_id]


def test_contract_performance_ratio_must_be_5_to_10_percent(make_plan):
    from django.core.exceptions import ValidationError

    plan = make_plan(kind="contract_performance")
    with pytest.raises(ValidationError):
        plan.full_clean(exclude=["state"])


def test_the_secret_is_not_stored_in_clear_before_the_draw(make_plan, manager, django_capture_on_commit_callbacks):
    from django.db import connection

    plan = make_plan()
    record = plans.approve_plan(plan=plan, actor=manager)
    secret = sealing.unseal(record.sealed_secret)
    assert algorithm.commitment(secret) == json.loads(record.manifest_json)["seed_commitment"]

    def stored_row():
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM inspections_drawrecord WHERE id = %s", [record.pk])
            return " ".join(str(value) for value in cursor.fetchone())

    assert secret not in stored_row()
    with django_capture_on_commit_callbacks(execute=True):
        plans.start_draw(plan=plan, actor=manager, now=plan.draw_at)
    # The draw reveals it: from now on it is public and stored as published.
    assert DrawRecord.objects.get(pk=record.pk).secret == secret
    assert secret in stored_row()


def test_a_wrong_draw_key_cannot_open_the_secret(make_plan, manager, settings):
    from django.core.exceptions import ImproperlyConfigured

    record = plans.approve_plan(plan=make_plan(), actor=manager)
    settings.DRAW_SECRET_KEY = "another-key-0123456789-abcdefghijklmnopqrstuvwxyz"
    with pytest.raises(ImproperlyConfigured, match="DRAW_SECRET_KEY"):
        sealing.unseal(record.sealed_secret)
