"""Publishing inspection results (through publicity) within 20 working days, with reminders
and supervision of overdue ones through the shared notification outbox."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from directory.calendar import WorkingCalendar
from directory.roles import INSPECTION_MANAGER, OFFICE_SUPERVISOR
from inspections.models import Inspection, InspectionEvent, InspectionState, InspectionTarget, Outcome
from inspections.services.inspections import _transition
from notifications import services as notifications
from portal.audit import record_event
from publicity.models import Disclosure
from publicity.services import preview_redaction, publish_disclosure

REMIND_WORKDAYS_BEFORE = 3
AWAITING_PUBLICATION = (InspectionState.RESULT_RECORDED, InspectionState.RECTIFICATION_VERIFIED)


def default_summary(inspection: Inspection) -> str:
    lines = [
        _("Plan: %(plan)s") % {"plan": inspection.plan.title},
        _("Inspected: %(target)s") % {"target": inspection.target.name},
        _("Inspection period: %(start)s to %(end)s") % {"start": inspection.started_on, "end": inspection.ended_on},
        _("Items: %(items)s") % {"items": "；".join(item.name for item in inspection.items.all())},
        _("Result: %(outcome)s") % {"outcome": inspection.get_outcome_display()},
    ]
    if inspection.found_problems:
        lines.append(_("Problems found: %(findings)s") % {"findings": inspection.findings})
    if inspection.outcome == Outcome.RECTIFICATION:
        lines.append(_("Rectification deadline: %(day)s") % {"day": inspection.rectification_deadline})
    if inspection.rectification_verified_on:
        lines.append(_("Rectification verified on %(day)s.") % {"day": inspection.rectification_verified_on})
    if inspection.referred_to_id:
        lines.append(_("Referred to: %(department)s") % {"department": inspection.referred_to.name})
    if inspection.case_number:
        lines.append(_("Case opened: %(number)s") % {"number": inspection.case_number})
    return "\n".join(lines)


def _redaction_inputs(inspection: Inspection):
    target = inspection.target
    entity = target.entity if target.kind == InspectionTarget.Kind.ENTITY else None
    values = [value for a in inspection.assignments.select_related("inspector__staff__user")
              for value in (a.inspector.staff.full_name, a.inspector.staff.phone, a.inspector.staff.user.email)]
    return entity, values


def public_summary(*, inspection: Inspection, summary: str = "") -> str:
    """The summary exactly as the public will see it (redacted), for the publishing preview."""
    entity, values = _redaction_inputs(inspection)
    return preview_redaction(text=summary.strip() or default_summary(inspection), entity=entity,
                             personal_values=values)


@transaction.atomic
def publish_result(*, inspection: Inspection, actor, summary: str = "", expected_version=None) -> Inspection:
    """Publish the result as a disclosure on the public site and mark the inspection published.
    The summary kept on the inspection (shown on the public plan page) is the redacted text, the
    same as the disclosure's."""
    text = summary.strip() or default_summary(inspection)
    target = inspection.target
    project = target.project if target.kind == InspectionTarget.Kind.PROJECT else None
    entity, values = _redaction_inputs(inspection)
    public_text = public_summary(inspection=inspection, summary=text)
    inspection = _transition(inspection, actor, "publish", expected_version,
                             {"published_on": timezone.localdate(), "summary": public_text})
    disclosure = publish_disclosure(
        kind=Disclosure.Kind.INSPECTION_RESULT,
        title=_("Random inspection result: %(target)s") % {"target": target.name},
        body=text, department=target.department, entity=entity, project=project, decided_on=inspection.ended_on,
        source=inspection, source_label=inspection.reference,
        source_url=reverse("inspections:plan", args=[inspection.plan.code]), personal_values=values, actor=actor,
    )
    inspection.disclosure_reference = str(disclosure.pk)
    inspection.save(update_fields=["disclosure_reference"])
    return inspection


def _managers():
    return get_user_model().objects.filter(groups__name=INSPECTION_MANAGER.group_name, is_active=True)


def _supervisors():
    return get_user_model().objects.filter(groups__name=OFFICE_SUPERVISOR.group_name, is_active=True)


@transaction.atomic
def send_publication_reminders(*, today: dt.date | None = None) -> dict:
    """Daily: remind the team and the inspection managers when a result is due for publication
    within three working days; when it is overdue, notify the office supervisors too and record a
    supervision event. Idempotent per inspection and due date."""
    today = today or timezone.localdate()
    calendar = WorkingCalendar()
    counts = {"reminded": 0, "overdue": 0}
    pending = Inspection.objects.filter(state__in=AWAITING_PUBLICATION, publish_due__isnull=False).select_related(
        "plan", "target__entity", "target__project")
    for inspection in pending:
        due = inspection.publish_due
        team = [a.inspector.staff.user for a in inspection.assignments.select_related("inspector__staff__user")]
        if today > due:
            key = f"inspections:overdue:{inspection.pk}:{due.isoformat()}"
            if InspectionEvent.objects.filter(inspection=inspection, action="overdue", data__key=key).exists():
                continue
            subject = _("Overdue: inspection result %(ref)s not published") % {"ref": inspection.reference}
            body = _("The result of inspection %(ref)s (%(target)s) had to be published by %(due)s.") % {
                "ref": inspection.reference, "target": inspection.target.name, "due": due.isoformat()}
            notifications.notify_users({*team, *_managers(), *_supervisors()}, subject=subject, body=body,
                                       dedupe_key=key, sms=True)
            record_event(inspection, "overdue", note=body, data={"key": key})
            counts["overdue"] += 1
        elif calendar.workdays_between(today, due) <= REMIND_WORKDAYS_BEFORE:
            key = f"inspections:remind:{inspection.pk}:{due.isoformat()}"
            if InspectionEvent.objects.filter(inspection=inspection, action="reminder", data__key=key).exists():
                continue
            subject = _("Reminder: publish inspection result %(ref)s by %(due)s") % {
                "ref": inspection.reference, "due": due.isoformat()}
            body = _("The result of inspection %(ref)s (%(target)s) must be published by %(due)s.") % {
                "ref": inspection.reference, "target": inspection.target.name, "due": due.isoformat()}
            notifications.notify_users({*team, *_managers()}, subject=subject, body=body, dedupe_key=key)
            record_event(inspection, "reminder", note=body, data={"key": key})
            counts["reminded"] += 1
    return counts
