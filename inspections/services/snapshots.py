"""The Django side of a draw: which targets and inspectors a plan covers, as canonical snapshot
rows, and the manifest parameters. The draw itself is inspections.draw.algorithm."""

import datetime as dt

from django.db.models import Q

from directory.models import MarketEntity
from directory.roles import INSPECTOR
from inspections.draw import algorithm
from inspections.models import InspectionPlan, InspectionTarget, Inspector
from inspections.services.conflicts import conflicts


def months_before(day: dt.date, months: int) -> dt.date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for candidate_day in range(day.day, 0, -1):
        try:
            return dt.date(year, month, candidate_day)
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def previous_quarter(day: dt.date) -> tuple[dt.date, dt.date]:
    first_month = (day.month - 1) // 3 * 3 + 1
    quarter_start = dt.date(day.year, first_month, 1)
    last = quarter_start - dt.timedelta(days=1)
    return dt.date(last.year, (last.month - 1) // 3 * 3 + 1, 1), last


def plan_targets(plan: InspectionPlan):
    """The plan's population: active targets of its departments (contract-performance plans:
    projects completed in the quarter before the period), plus its extra forced inclusions."""
    departments = list(plan.departments.all())
    queryset = InspectionTarget.objects.filter(is_active=True, department__in=departments)
    if plan.kind == InspectionPlan.Kind.CONTRACT_PERFORMANCE:
        first, last = previous_quarter(plan.period_start)
        queryset = queryset.filter(kind=InspectionTarget.Kind.PROJECT, project__completed_on__range=(first, last))
    extra = plan.forced_targets.filter(is_active=True)
    combined = InspectionTarget.objects.filter(Q(pk__in=queryset.values("pk")) | Q(pk__in=extra.values("pk")))
    return list(combined.select_related("entity", "project", "department"))


def plan_inspectors(plan: InspectionPlan):
    """Active inspectors of the plan's departments whose certificate is valid for the whole period
    and whose account is active with the inspector role."""
    return list(
        Inspector.objects.filter(
            is_active=True, staff__department__in=plan.departments.all(), staff__user__is_active=True,
            staff__user__groups__name=INSPECTOR.group_name,
        ).filter(Q(certificate_valid_until__isnull=True) | Q(certificate_valid_until__gte=plan.period_end))
        .select_related("staff__department", "staff__user").prefetch_related("ties").distinct()
    )


def public_name(target: InspectionTarget) -> str:
    """Experts are natural persons: only the surname is published."""
    name = " ".join(target.name.split())
    if target.kind == InspectionTarget.Kind.ENTITY and target.entity.entity_type == MarketEntity.Type.EXPERT:
        return name[:1] + "*" * max(len(name) - 1, 1)
    return name


def target_rows(plan: InspectionPlan, targets) -> list[algorithm.TargetRow]:
    extra = set(plan.forced_targets.values_list("pk", flat=True))
    return [
        algorithm.TargetRow(
            target_id=t.target_id, kind=t.kind, department=t.department.code, stratum=t.risk_grade,
            forced=t.is_forced or t.pk in extra,
            last_inspected_on=t.last_inspected_on.isoformat() if t.last_inspected_on else "",
            name=public_name(t),
        )
        for t in targets
    ]


def inspector_rows(inspectors) -> list[algorithm.InspectorRow]:
    return [
        algorithm.InspectorRow(inspector_id=i.certificate_no, department=i.staff.department.code,
                               name=" ".join(i.staff.full_name.split()))
        for i in inspectors
    ]


def conflict_pairs(inspectors, targets) -> set[tuple[str, str]]:
    """(target id, certificate number) of every inspector who must step aside for a target; the
    draw publishes them only sealed (algorithm.seal_conflicts)."""
    found = conflicts(inspectors, targets)
    target_ids = {t.pk: t.target_id for t in targets}
    return {(target_ids[target_pk], i.certificate_no) for i in inspectors for target_pk in found[i.pk]}


def plan_parameters(plan: InspectionPlan, draw_day: dt.date) -> dict:
    cutoff = months_before(draw_day, plan.frequency_months).isoformat() if plan.frequency_months else ""
    return {
        "plan_kind": plan.kind,
        "departments": sorted(plan.departments.values_list("code", flat=True)),
        "items": sorted(plan.items.values_list("code", flat=True)),
        "period": [plan.period_start.isoformat(), plan.period_end.isoformat()],
        "ratios_bp": plan.ratios_bp,
        "inspectors_per_target": plan.inspectors_per_target,
        "recent_cutoff": cutoff,
    }
