"""Plans: drafting, approval (freezing and publishing the manifest), the draw, cancellation."""

import json
import logging
import secrets

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from inspections.draw import algorithm
from inspections.models import (
    DrawRecord,
    Inspection,
    InspectionAssignment,
    InspectionPlan,
    InspectionTarget,
    Inspector,
    PlanState,
)
from inspections.services import sealing, snapshots
from portal.audit import record_event
from portal.errors import ActionNotAllowed, DomainError
from portal.workflow import apply_transition

logger = logging.getLogger(__name__)

PLAN_FIELDS = ("code", "title", "kind", "period_start", "period_end", "ratio_a", "ratio_b", "ratio_c", "ratio_d",
               "frequency_months", "inspectors_per_target", "draw_at", "publication_deadline", "public_value_source",
               "public_value_published_at")


@transaction.atomic
def save_plan(*, actor, values: dict, departments, items, forced_targets=(), plan: InspectionPlan | None = None
              ) -> InspectionPlan:
    """Create a draft plan, or change one that is still a draft."""
    if plan is None:
        plan = InspectionPlan(created_by=actor)
        action = "create"
    else:
        plan = InspectionPlan.objects.select_for_update().get(pk=plan.pk)
        if plan.state != PlanState.DRAFT:
            raise ActionNotAllowed(_("Only a draft plan can be changed; an approved plan's manifest is frozen."))
        action = "edit"
    for name in PLAN_FIELDS:
        if name in values:
            setattr(plan, name, values[name])
    plan.full_clean(exclude=["state"] + ([] if plan.created_by_id else ["created_by"]))
    plan.save()
    plan.departments.set(departments)
    plan.items.set(items)
    plan.forced_targets.set(forced_targets)
    record_event(plan, action, actor=actor)
    return plan


def _check_ready(plan: InspectionPlan, now) -> None:
    departments = set(plan.departments.all())
    items = list(plan.items.select_related("department"))
    problems = []
    if not departments:
        problems.append(_("Choose at least one department."))
    if not items:
        problems.append(_("Choose the inspection items."))
    outside = [str(i) for i in items if i.department not in departments]
    if outside:
        problems.append(_("These items belong to departments outside the plan: %(items)s") % {"items": "; ".join(outside)})
    without_items = sorted(d.name for d in departments if not any(i.department == d for i in items))
    if without_items:
        problems.append(_("Each department needs at least one item; none for: %(names)s") % {"names": "、".join(without_items)})
    if plan.inspectors_per_target < len(departments):
        problems.append(_("A joint plan needs at least one inspector per department for each target."))
    if plan.draw_at <= now:
        problems.append(_("The draw time has passed: set a future draw time so the manifest is published before it."))
    if problems:
        raise DomainError(" ".join(problems))


@transaction.atomic
def approve_plan(*, plan: InspectionPlan, actor, expected_version: int | None = None, now=None) -> DrawRecord:
    """Freeze the snapshots, commit to a secret seed and publish the manifest."""
    now = now or timezone.now()
    locked = InspectionPlan.objects.select_for_update().get(pk=plan.pk)
    if locked.state != PlanState.DRAFT:
        raise ActionNotAllowed()
    _check_ready(locked, now)
    from inspections.services.public_value import check_published_after_approval  # imports this module

    check_published_after_approval(locked, now)
    targets = snapshots.plan_targets(locked)
    if not targets:
        raise DomainError(_("The plan's scope contains no targets: check its departments and the target directory."))
    inspectors = snapshots.plan_inspectors(locked)
    if len(inspectors) < locked.inspectors_per_target:
        raise DomainError(_("Only %(count)d active inspectors with a valid certificate are in the plan's departments; "
                            "%(needed)d are needed per target.") % {"count": len(inspectors),
                                                                   "needed": locked.inspectors_per_target})
    conflict_key = secrets.token_hex(32)
    target_rows, tokens = algorithm.seal_conflicts(conflict_key, snapshots.target_rows(locked, targets),
                                                   snapshots.conflict_pairs(inspectors, targets))
    target_bytes = algorithm.target_snapshot(target_rows)
    inspector_bytes = algorithm.inspector_snapshot(snapshots.inspector_rows(inspectors))
    conflict_bytes = algorithm.conflict_snapshot(tokens)
    secret = secrets.token_hex(32)
    manifest = algorithm.build_manifest(
        plan_code=locked.code, plan_title=locked.title,
        parameters=snapshots.plan_parameters(locked, timezone.localtime(locked.draw_at).date()),
        target_snapshot_bytes=target_bytes, inspector_snapshot_bytes=inspector_bytes,
        conflict_snapshot_bytes=conflict_bytes, seed_commitment=algorithm.commitment(secret), public_value_source=locked.public_value_source,
        draw_time=timezone.localtime(locked.draw_at).isoformat(),
        public_value_time=(timezone.localtime(locked.public_value_published_at).isoformat()
                           if locked.public_value_published_at else ""),
    )
    try:
        algorithm.validate_parameters(manifest["parameters"])
    except algorithm.DrawError as exc:
        raise DomainError(str(exc)) from exc
    manifest_bytes = algorithm.canonical_json(manifest)
    manifest_sha256 = algorithm.sha256_hex(manifest_bytes)
    approved = apply_transition(
        model=InspectionPlan, pk=locked.pk, transition="approve", actor=actor, expected_version=expected_version,
        data={"manifest_sha256": manifest_sha256, "targets": len(targets), "inspectors": len(inspectors)},
    ).obj
    approved.approved_by = actor
    approved.approved_at = now
    approved.save(update_fields=["approved_by", "approved_at"])
    return DrawRecord.objects.create(
        plan=approved, manifest_json=manifest_bytes.decode("utf-8"), manifest_sha256=manifest_sha256,
        target_snapshot=target_bytes.decode("utf-8"), inspector_snapshot=inspector_bytes.decode("utf-8"),
        conflict_snapshot=conflict_bytes.decode("utf-8"), conflict_key=conflict_key,
        sealed_secret=sealing.seal(secret), frozen_at=now,
    )


@transaction.atomic
def cancel_plan(*, plan: InspectionPlan, actor, reason: str, expected_version: int | None = None) -> InspectionPlan:
    if not reason.strip():
        raise DomainError(_("Give the reason for cancelling the plan; it is published with an approved plan."))
    cancelled = apply_transition(model=InspectionPlan, pk=plan.pk, transition="cancel", actor=actor,
                                 expected_version=expected_version, note=reason).obj
    cancelled.draw_message = reason
    cancelled.save(update_fields=["draw_message"])
    return cancelled


@transaction.atomic
def start_draw(*, plan: InspectionPlan, actor, public_value: str = "", now=None) -> InspectionPlan:
    """Start the draw once its time has come; the Celery task does the work after commit.
    `actor` None is the scheduler."""
    from inspections.services.draw_recovery import queue_draw  # imports this module
    from inspections.services.public_value import check_published, enter_public_value

    now = now or timezone.now()
    locked = InspectionPlan.objects.select_for_update().get(pk=plan.pk)
    if locked.state != PlanState.APPROVED:
        raise ActionNotAllowed()
    if now < locked.draw_at:
        raise DomainError(_("The draw is published for %(time)s and cannot run earlier.") % {
            "time": timezone.localtime(locked.draw_at).strftime("%Y-%m-%d %H:%M")})
    check_published(locked, now)
    public_value = public_value.strip()
    record = DrawRecord.objects.select_for_update().get(plan=locked)
    if not locked.public_value_source:
        if public_value:
            raise DomainError(_("This plan's manifest announced no public value; leave the field empty."))
    elif record.public_value_entered_at is None:
        if not public_value:
            raise DomainError(_("Enter the public value announced for the draw (%(source)s).") % {
                "source": locked.public_value_source})
        record = enter_public_value(plan=locked, actor=actor, value=public_value, now=now)
    elif public_value and public_value != record.public_value:
        raise DomainError(_("The public value was already entered (%(value)s); it cannot be changed.") % {
            "value": record.public_value})
    started = apply_transition(model=InspectionPlan, pk=locked.pk, transition="start_draw", actor=actor,
                               check_permission=actor is not None, data={"public_value": record.public_value}).obj
    started.draw_progress = 0
    started.draw_message = ""
    started.save(update_fields=["draw_progress", "draw_message"])
    transaction.on_commit(lambda: queue_draw(locked.pk))
    return started


def start_due_draws(*, now=None) -> list[str]:
    """Scheduler: start approved draws whose time has come and whose public value, if one was
    announced, has been entered."""
    now = now or timezone.now()
    started = []
    due = InspectionPlan.objects.filter(
        Q(public_value_source="") | Q(draw_record__public_value_entered_at__isnull=False),
        state=PlanState.APPROVED, draw_at__lte=now)
    for plan in due:
        try:
            start_draw(plan=plan, actor=None, now=now)
        except DomainError as exc:
            logger.warning("Draw of plan %s not started: %s", plan.code, exc)
            continue
        started.append(plan.code)
    return started


def _report_progress(plan_id: int):
    last = {"percent": -1}

    def progress(done: int, total: int) -> None:
        percent = min(99, done * 100 // max(total, 1))
        if percent >= last["percent"] + 5:
            last["percent"] = percent
            InspectionPlan.objects.filter(pk=plan_id).update(draw_progress=percent)

    return progress


def execute_draw(*, plan_id: int, now=None) -> str:
    """Run the algorithm on the frozen material and store the result. Not one transaction: the
    progress counter must be visible while the draw runs."""
    plan = InspectionPlan.objects.get(pk=plan_id)
    if plan.state != PlanState.DRAWING:
        return plan.state
    record = plan.draw_record
    manifest = json.loads(record.manifest_json)
    try:
        targets = algorithm.parse_target_snapshot(record.target_snapshot.encode("utf-8"))
        conflict_keys = {t.target_id: algorithm.target_conflict_key(record.conflict_key, t.target_id) for t in targets}
        result = algorithm.run_draw(
            manifest, targets, algorithm.parse_inspector_snapshot(record.inspector_snapshot.encode("utf-8")),
            algorithm.parse_conflict_snapshot(record.conflict_snapshot.encode("utf-8")),
            sealing.secret_of(record), record.public_value, conflict_keys, progress=_report_progress(plan_id),
        )
    except algorithm.DrawError as exc:  # material that cannot be drawn at all: nothing to publish
        _fail(plan_id, str(exc), exc.target_id, now=now)
        return PlanState.FAILED
    result_json = algorithm.canonical_json(result.as_dict()).decode("utf-8")
    if result.failure:  # a target without its team: the failed result is published and verifiable
        _fail(plan_id, algorithm.describe_failure(result.failure), result.failure["target_id"], now=now,
              result_json=result_json)
        return PlanState.FAILED
    try:
        _store_result(plan_id, result, now=now)
    except ActionNotAllowed:  # a repeated run (retry, sweep) found the plan no longer drawing
        return InspectionPlan.objects.get(pk=plan_id).state
    return PlanState.DRAWN


@transaction.atomic
def _fail(plan_id: int, message: str, target_id: str, *, now=None, result_json: str = "") -> None:
    plan = apply_transition(model=InspectionPlan, pk=plan_id, transition="fail_draw", actor=None,
                            check_permission=False, action="draw_failed", note=message,
                            data={"target_id": target_id}).obj
    plan.draw_message = message
    plan.save(update_fields=["draw_message"])
    _reveal(plan, drawn_at=now or timezone.now(), **({"result_json": result_json} if result_json else {}))


def _reveal(plan: InspectionPlan, **values) -> None:
    """The draw ran (or failed): its secret is public from now on, in clear."""
    record = DrawRecord.objects.select_for_update().get(plan=plan)
    DrawRecord.objects.filter(pk=record.pk).update(secret=sealing.secret_of(record), **values)


def _target_lookup(ids: list[str]) -> dict[str, InspectionTarget]:
    entity_codes = [i[2:] for i in ids if i.startswith("E:")]
    project_codes = [i[2:] for i in ids if i.startswith("P:")]
    found = {}
    for target in InspectionTarget.objects.filter(entity__code__in=entity_codes).select_related("entity"):
        found[target.target_id] = target
    for target in InspectionTarget.objects.filter(project__code__in=project_codes).select_related("project"):
        found[target.target_id] = target
    return found


@transaction.atomic
def _store_result(plan_id: int, result: algorithm.DrawResult, *, now=None) -> None:
    plan = apply_transition(model=InspectionPlan, pk=plan_id, transition="finish_draw", actor=None,
                            check_permission=False, action="draw_finished",
                            data={"seed": result.seed, "selected": len(result.selected)}).obj
    targets = _target_lookup([s.target_id for s in result.selected])
    inspectors = {i.certificate_no: i for i in Inspector.objects.filter(
        certificate_no__in={c for s in result.selected for c in s.inspectors})}
    items = list(plan.items.all())
    for selected in result.selected:
        inspection = Inspection.objects.create(
            plan=plan, target=targets[selected.target_id], draw_order=selected.order,
            selection_reason=selected.reason, stratum=selected.stratum,
        )
        inspection.items.set(items)
        InspectionAssignment.objects.bulk_create([
            InspectionAssignment(inspection=inspection, inspector=inspectors[code], position=position)
            for position, code in enumerate(selected.inspectors, start=1)
        ])
    _reveal(plan, drawn_at=now or timezone.now(), result_json=algorithm.canonical_json(result.as_dict()).decode("utf-8"))
    plan.draw_progress = 100
    plan.save(update_fields=["draw_progress"])
