"""Reads, with visibility applied: the public sees plans whose manifest is published; inspectors
see the inspections they are assigned to, managers and the office see all."""

from django.db.models import F, Prefetch, Q

from inspections.models import DrawRecord, Inspection, InspectionAssignment, InspectionPlan, InspectionState, PlanState


def public_plans():
    return (InspectionPlan.objects.filter(draw_record__isnull=False)
            .select_related("draw_record").prefetch_related("departments").order_by("-draw_at"))


def public_plan(code: str) -> InspectionPlan:
    return public_plans().get(code=code)


def plan_inspections(plan: InspectionPlan):
    return (plan.inspections.select_related("target__entity", "target__project", "target__department", "referred_to")
            .prefetch_related(Prefetch("assignments", InspectionAssignment.objects.select_related(
                "inspector__staff__department")))
            .order_by("draw_order"))


def published_inspections(plan: InspectionPlan):
    return plan_inspections(plan).filter(state=InspectionState.PUBLISHED)


def revealed_record(plan: InspectionPlan) -> DrawRecord | None:
    """The secret and result are public only once the draw ran (or failed)."""
    record = getattr(plan, "draw_record", None)
    if record is None or record.drawn_at is None:
        return None
    return record


def inspections_for(user):
    queryset = Inspection.objects.select_related("plan", "target__entity", "target__project", "target__department")
    if user.has_perm("inspections.view_inspectionplan") and user.has_perm("inspections.change_inspectionplan"):
        return queryset
    if user.has_perm("inspections.view_drawrecord"):  # office supervisors and auditors read everything
        return queryset
    return queryset.filter(Q(assignments__inspector__staff__user=user)).distinct()


def open_inspections_for(user, *, limit: int = 10):
    """The inspections the user can act on that are not yet published, most urgent first."""
    if not user.has_perm("inspections.view_inspection"):
        return Inspection.objects.none()
    return (inspections_for(user).exclude(state=InspectionState.PUBLISHED)
            .order_by(F("publish_due").asc(nulls_last=True), "plan__code", "draw_order")[:limit])


def plans_awaiting_action(user):
    """Draft plans to approve, approved plans to draw and failed draws, for those who manage plans."""
    if not user.has_perm("inspections.approve_inspectionplan"):
        return InspectionPlan.objects.none()
    return InspectionPlan.objects.filter(state__in=[PlanState.DRAFT, PlanState.APPROVED, PlanState.FAILED]).order_by("draw_at")
