"""What the back-office pages show of plans' and inspections' audit trails, and their breadcrumbs."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cases.exports import staff_name

EVENT_LABELS = {
    "create": _("Plan created"),
    "edit": _("Plan changed"),
    "approve": _("Approved; manifest published"),
    "cancel": _("Plan cancelled"),
    "enter_public_value": _("Public value entered"),
    "start_draw": _("Draw started"),
    "draw_failed": _("Draw failed"),
    "draw_finished": _("Draw finished"),
    "start": _("Inspection started"),
    "record_result": _("Result recorded"),
    "correct_result": _("Result corrected"),
    "verify_rectification": _("Rectification verified"),
    "publish": _("Result published"),
    "evidence_added": _("Evidence uploaded"),
    "case_opened": _("Case opened"),
    "reminder": _("Publication reminder sent"),
    "overdue": _("Publication overdue; supervisors notified"),
}


def history(events) -> list[dict]:
    """Events in the reader's language, with the actor's name instead of the login."""
    return [{"event": event, "label": EVENT_LABELS.get(event.action, event.action),
             "actor": staff_name(event.actor) if event.actor_id else _("system")}
            for event in events.select_related("actor__staff_profile")]


def plan_breadcrumbs(plan=None, *, last=None) -> list[dict]:
    items = [{"url": reverse("wagtailadmin_home"), "label": _("Home")},
             {"url": reverse("inspections_plan:index"), "label": _("Inspection plans")}]
    if plan is not None:
        items.append({"url": reverse("inspections_plan:edit", args=[plan.pk]), "label": plan.code,
                      "sublabel": plan.title})
    if last:
        items.append({"url": "", "label": last})
    return items


def inspection_breadcrumbs(inspection, *, last=None) -> list[dict]:
    items = plan_breadcrumbs(inspection.plan)
    items.append({"url": reverse("inspections_inspection:edit", args=[inspection.pk]), "label": inspection.reference,
                  "sublabel": inspection.target.name})
    if last:
        items.append({"url": "", "label": last})
    return items
