"""The target directory: building it from market entities and projects, and risk-grade changes."""

from django.db import transaction
from django.utils.translation import gettext as _

from directory.models import MarketEntity, TradingProject
from inspections.models import InspectionTarget, RiskGrade, TargetEvent
from portal.audit import record_event
from portal.errors import DomainError

HIGHER_RISK = {RiskGrade.A: RiskGrade.B, RiskGrade.B: RiskGrade.C, RiskGrade.C: RiskGrade.D, RiskGrade.D: RiskGrade.D}


@transaction.atomic
def sync_targets_from_directory(*, actor=None, default_grade: str = RiskGrade.B) -> dict[str, int]:
    """Add every active market entity and trading project that has a supervising department and
    no directory entry yet. Existing entries (grades, flags) are left as they are."""
    created = {"entity": 0, "project": 0}
    have_entities = set(InspectionTarget.objects.filter(entity__isnull=False).values_list("entity_id", flat=True))
    for entity in MarketEntity.objects.filter(is_active=True, department__isnull=False).exclude(pk__in=have_entities):
        target = InspectionTarget(kind=InspectionTarget.Kind.ENTITY, entity=entity, department=entity.department,
                                  industry=entity.industry, risk_grade=default_grade)
        target.full_clean()
        target.save()
        created["entity"] += 1
    have_projects = set(InspectionTarget.objects.filter(project__isnull=False).values_list("project_id", flat=True))
    for project in TradingProject.objects.exclude(pk__in=have_projects).select_related("department"):
        target = InspectionTarget(kind=InspectionTarget.Kind.PROJECT, project=project, department=project.department,
                                  industry=project.get_category_display(), risk_grade=default_grade)
        target.full_clean()
        target.save()
        created["project"] += 1
    return created


@transaction.atomic
def change_grade(*, target: InspectionTarget, grade: str, actor, reason: str, source: str = "") -> InspectionTarget:
    if grade not in RiskGrade.values:
        raise DomainError(_("Unknown risk grade."))
    if not reason.strip():
        raise DomainError(_("Give the reason for the grade change."))
    locked = InspectionTarget.objects.select_for_update().get(pk=target.pk)
    previous = locked.risk_grade
    if previous == grade:
        return locked
    locked.risk_grade = grade
    locked.full_clean()
    locked.save(update_fields=["risk_grade"])
    record_event(locked, "grade_changed", actor=actor, from_state=previous, to_state=grade, note=reason,
                 data={"source": source})
    return locked


def raise_risk(*, target: InspectionTarget, actor, reason: str, source: str = "") -> InspectionTarget:
    """A problem found: one grade towards D (higher risk)."""
    return change_grade(target=target, grade=HIGHER_RISK[target.risk_grade], actor=actor, reason=reason, source=source)


def undo_risk_raise(*, target: InspectionTarget, actor, reason: str, source: str) -> InspectionTarget:
    """A problem found by `source` was withdrawn: undo the raise it caused, unless the grade has
    changed again since (then the office decides by hand)."""
    raised = (TargetEvent.objects.filter(target=target, action="grade_changed", data__source=source)
              .order_by("-created_at", "-id").first())
    if raised is None or target.risk_grade != raised.to_state:
        return target
    later = TargetEvent.objects.filter(target=target, action="grade_changed", pk__gt=raised.pk).exists()
    if later:
        return target
    return change_grade(target=target, grade=raised.from_state, actor=actor, reason=reason, source=source)
