"""Inspection workflow: start, record the result, verify rectification, evidence."""

import datetime as dt
import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Channel, Kind
from cases.services import open_case
from directory.calendar import add_workdays
from inspections.models import Inspection, InspectionEvidence, InspectionState, InspectionTarget, Outcome
from inspections.services.targets import raise_risk
from portal.audit import record_event
from portal.errors import DomainError, PermissionRefused
from portal.uploads import INSPECTION_EVIDENCE, check_upload
from portal.workflow import apply_transition

PUBLICATION_WORKDAYS = 20


def manages_inspections(user) -> bool:
    return user.has_perm("inspections.change_inspectionplan")


def ensure_may_work(inspection: Inspection, actor) -> None:
    """Managers act on any inspection; an inspector only on the ones they are assigned to."""
    if manages_inspections(actor):
        return
    if not inspection.assignments.filter(inspector__staff__user=actor).exists():
        raise PermissionRefused(_("Only the inspectors assigned to this inspection can act on it."))


def ensure_not_future(field: str, day: dt.date | None) -> None:
    """Dates of things that happened: an inspection cannot be recorded before it took place."""
    if day and day > timezone.localdate():
        raise ValidationError({field: _("This date is in the future; record it once it has happened.")})


def result_values(*, outcome: str, findings: str, ended_on: dt.date, rectification_deadline, referred_to) -> dict:
    """The fields a result (or its correction) sets, checked the same way both times."""
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Choose a result.")})
    ensure_not_future("ended_on", ended_on)
    return {"outcome": outcome, "findings": findings.strip(), "ended_on": ended_on,
            "rectification_deadline": rectification_deadline if outcome == Outcome.RECTIFICATION else None,
            "referred_to": referred_to if outcome == Outcome.REFERRED else None,
            "publish_due": add_workdays(ended_on, PUBLICATION_WORKDAYS)}


def _transition(inspection, actor, name, expected_version, arguments=None):
    ensure_may_work(inspection, actor)
    result = apply_transition(model=Inspection, pk=inspection.pk, transition=name, actor=actor,
                              expected_version=expected_version, arguments=arguments)
    return result.obj


@transaction.atomic
def start_inspection(*, inspection: Inspection, actor, started_on: dt.date, expected_version=None) -> Inspection:
    if started_on < inspection.plan.period_start:
        raise ValidationError({"started_on": _("The plan's period starts on %(day)s.") % {
            "day": inspection.plan.period_start.isoformat()}})
    ensure_not_future("started_on", started_on)
    return _transition(inspection, actor, "start", expected_version, {"started_on": started_on})


def _open_case(inspection: Inspection, actor, findings: str) -> str:
    """Open a report case (channel: inspection finding) against the target, in the caller's transaction."""
    target = inspection.target
    subject = {"project": target.project} if target.kind == InspectionTarget.Kind.PROJECT else {
        "respondent": target.entity}
    case = open_case(
        kind=Kind.REPORT, channel=Channel.INSPECTION, actor=actor, department=target.department,
        title=_("Problems found in inspection %(ref)s: %(target)s") % {"ref": inspection.reference, "target": target.name},
        facts=findings, source_reference=inspection.reference, **subject,
    )
    return case.number


def open_case_for(inspection: Inspection, actor) -> None:
    inspection.case_number = _open_case(inspection, actor, inspection.findings)
    inspection.save(update_fields=["case_number"])
    record_event(inspection, "case_opened", actor=actor, data={"case": inspection.case_number})


@transaction.atomic
def record_result(*, inspection: Inspection, actor, outcome: str, findings: str, ended_on: dt.date,
                  rectification_deadline: dt.date | None = None, referred_to=None, expected_version=None
                  ) -> Inspection:
    """Record what the inspection found. A problem raises the target's risk grade; the outcome
    "case opened" opens a report case in the same action."""
    values = result_values(outcome=outcome, findings=findings, ended_on=ended_on,
                           rectification_deadline=rectification_deadline, referred_to=referred_to)
    inspection = _transition(inspection, actor, "record_result", expected_version, values)
    if outcome == Outcome.CASE_OPENED:
        open_case_for(inspection, actor)
    target = InspectionTarget.objects.select_for_update().get(pk=inspection.target_id)
    if target.last_inspected_on is None or target.last_inspected_on < ended_on:
        target.last_inspected_on = ended_on
        target.save(update_fields=["last_inspected_on"])
    if inspection.found_problems:
        raise_risk(target=target, actor=actor, source=inspection.reference,
                   reason=_("Problems found in inspection %(ref)s.") % {"ref": inspection.reference})
    return inspection


@transaction.atomic
def verify_rectification(*, inspection: Inspection, actor, verified_on: dt.date, note: str,
                         expected_version=None) -> Inspection:
    if not note.strip():
        raise ValidationError({"note": _("Describe how the rectification was checked.")})
    ensure_not_future("verified_on", verified_on)
    if inspection.ended_on and verified_on < inspection.ended_on:
        raise ValidationError({"verified_on": _("The check cannot be before the inspection ended.")})
    return _transition(inspection, actor, "verify_rectification", expected_version,
                       {"verified_on": verified_on, "note": note.strip()})


@transaction.atomic
def add_evidence(*, inspection: Inspection, actor, upload, description: str = "") -> InspectionEvidence:
    ensure_may_work(inspection, actor)
    if inspection.state == InspectionState.PUBLISHED:
        raise DomainError(_("The result is published; evidence can no longer be added."))
    checked = check_upload(upload, field="file", accepted=INSPECTION_EVIDENCE)
    digest = hashlib.sha256()
    for chunk in checked.content.chunks():
        digest.update(chunk)
    checked.content.seek(0)
    evidence = InspectionEvidence(inspection=inspection, file=checked.content, original_name=checked.name[:200],
                                  content_type=checked.content_type, size=checked.size, sha256=digest.hexdigest(),
                                  description=description.strip(), uploaded_by=actor)
    evidence.full_clean()
    evidence.save()
    record_event(inspection, "evidence_added", actor=actor, data={"file": evidence.original_name, "sha256": evidence.sha256})
    return evidence
