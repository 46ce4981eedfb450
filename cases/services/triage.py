"""The office's intake decisions and referral to a department; the filer's supplement."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cases import deadlines, selectors
from cases import rules as case_rules
from cases.exports import staff_name
from cases.models import Attachment, PausedInterval, RejectionReason
from cases.services._base import (
    FILER,
    check_filer,
    department_heads,
    lock_case,
    notify_filer,
    notify_staff,
    office_intake,
    require_text,
    resolve_notices,
    save,
    transition,
)
from cases.services.intake import add_attachments
from directory.models import Grid
from portal.errors import ActionNotAllowed


def _subject(case, text):
    return f"{case.number} {text}"


@transaction.atomic
def request_supplement(*, case_id, actor, request_text, expected_version=None):
    """One-time 补正 notice: the acceptance clock stops until the filer supplies what is missing."""
    request_text = require_text(request_text, "request_text", _("Say exactly what must be supplemented."))
    locked = lock_case(case_id)
    case_rules.require("request_supplement", actor, locked)
    if locked.events.filter(action="supplement_requested").exists():
        raise ActionNotAllowed(_("A supplement can be requested only once; accept or reject the case now."))
    with transition(case_id=case_id, name="request_supplement", action="supplement_requested", actor=actor,
                    expected_version=expected_version) as step:
        case = step.obj
        on = deadlines.today()
        PausedInterval.objects.create(case=case, reason=PausedInterval.Reason.SUPPLEMENT, started_on=on, note=request_text)
        case.supplement_request = request_text
        deadlines.set_supplement_deadline(case, requested_on=on)
        save(case)
        resolve_notices(case, "acceptance")
        step.describe(note=request_text,
                      public_note=_("Please supplement your filing by %(due)s: %(text)s") % {"due": case.supplement_due, "text": request_text},
                      data={"supplement_due": str(case.supplement_due)})
    notify_filer(case, purpose=f"v{case.version}:supplement", subject=_subject(case, _("supplement needed")),
                 body=_("Please supplement your filing by %(due)s: %(text)s") % {"due": case.supplement_due, "text": request_text})
    return case


@transaction.atomic
def supplement(*, case_id, filer_user=None, access_proven: bool = False, text, attachments=(), expected_version=None):
    """The filer supplies what was asked (proven by login or access code): the clock restarts."""
    text = require_text(text, "text", _("Describe what you are supplementing."))
    check_filer(lock_case(case_id), filer_user, access_proven=access_proven)
    with transition(case_id=case_id, name="supplement", action="supplemented", actor=filer_user,
                    expected_version=expected_version, check_permission=False) as step:
        case = step.obj
        on = deadlines.today()
        case.paused_intervals.filter(reason=PausedInterval.Reason.SUPPLEMENT, ended_on=None).update(ended_on=on)
        deadlines.set_intake_deadlines(case, counted_from=on)
        case.facts = f"{case.facts}\n\n【{_('Supplement')} {on.isoformat()}】\n{text}"
        save(case)
        add_attachments(case=case, files=attachments, purpose=Attachment.Purpose.SUPPLEMENT, uploaded_by=filer_user)
        step.describe(actor_label=FILER, note=text,
                      public_note=_("You supplemented the filing; the acceptance period restarts."),
                      data={"attachments": len(attachments), "acceptance_due": str(case.acceptance_due or "")})
    notify_staff(case, office_intake(), purpose=f"v{case.version}:supplemented",
                 subject=_subject(case, _("supplement received")), body=text)
    return case


@transaction.atomic
def reject(*, case_id, actor, reason, text, expected_version=None):
    """不予受理 with a statutory reason code and an explanation for the filer."""
    if reason not in RejectionReason.values or reason == RejectionReason.SUPPLEMENT_EXPIRED:
        raise ValidationError({"reason": _("Choose a statutory reason for not accepting the case.")})
    text = require_text(text, "text", _("Explain the decision to the filer."))
    case_rules.require("reject", actor, lock_case(case_id))
    with transition(case_id=case_id, name="reject", action="rejected", actor=actor, expected_version=expected_version) as step:
        case = step.obj
        case.rejection_reason, case.rejection_text = reason, text
        case.acceptance_due = case.decision_due = None
        case.closed_at = deadlines.now()
        save(case)
        resolve_notices(case, "acceptance", "decision")
        public = _("Not accepted: %(reason)s. %(text)s") % {"reason": case.get_rejection_reason_display(), "text": text}
        step.describe(note=text, public_note=public, data={"reason": reason})
    notify_filer(case, purpose=f"v{case.version}:rejected", subject=_subject(case, _("not accepted")), body=public)
    return case


@transaction.atomic
def accept(*, case_id, actor, note="", expected_version=None):
    case_rules.require("accept", actor, lock_case(case_id))
    with transition(case_id=case_id, name="accept", action="accepted", actor=actor, expected_version=expected_version) as step:
        case = step.obj
        case.accepted_at = deadlines.now()
        deadlines.set_decision_deadline_on_acceptance(case, accepted_on=deadlines.today())
        save(case)
        resolve_notices(case, "acceptance")
        public = _("Accepted. A decision is due by %(due)s.") % {"due": case.decision_due}
        step.describe(note=note, public_note=public, data={"decision_due": str(case.decision_due or "")})
    notify_filer(case, purpose=f"v{case.version}:accepted", subject=_subject(case, _("accepted")), body=public)
    return case


@transaction.atomic
def assign(*, case_id, actor, department, grid=None, handler=None, note="", expected_version=None):
    """Refer an accepted case to the competent department (optionally its grid and handler)."""
    errors = {}
    if department is None or not selectors.referral_departments().filter(pk=department.pk).exists():
        errors["department"] = _("Choose an active supervising department; outside bodies get a transfer instead.")
    else:
        if grid is not None and grid.department_id != department.pk:
            errors["grid"] = _("The grid belongs to another department.")
            grid = None
        if handler is not None and not selectors.referral_handlers(department, grid).filter(pk=handler.pk).exists():
            errors["handler"] = _(
                "%(name)s is not a handler or grid supervisor of %(department)s%(grid)s: choose one of its handlers."
            ) % {"name": staff_name(handler), "department": department.name, "grid": f" {grid.name}" if grid else ""}
        elif handler is not None and grid is None and handler.staff_profile.grid_id:
            grid = Grid.objects.get(pk=handler.staff_profile.grid_id)
    if errors:
        raise ValidationError(errors)
    case_rules.require("assign", actor, lock_case(case_id))
    with transition(case_id=case_id, name="assign", action="assigned", actor=actor, expected_version=expected_version) as step:
        case = step.obj
        case.department, case.grid, case.handler = department, grid, handler
        save(case)
        step.describe(note=note,
                      public_note=_("Referred to %(department)s for handling.") % {"department": department.name},
                      data={"department": department.code, "grid": grid.code if grid else "", "handler": handler.pk if handler else None})
    notify_staff(case, ([handler] if handler else []) + department_heads(case), purpose=f"v{case.version}:assigned",
                 subject=_subject(case, _("referred to your department")),
                 body=_("%(title)s\nDecision due %(due)s.\n%(note)s") % {"title": case.title, "due": case.decision_due, "note": note})
    return case


@transaction.atomic
def return_to_office(*, case_id, actor, reason, expected_version=None):
    """Not this department's jurisdiction: back to the office for another referral."""
    reason = require_text(reason, "reason", _("Explain why the case is not your department's."))
    case_rules.require("return_to_office", actor, lock_case(case_id))
    with transition(case_id=case_id, name="return_to_office", action="returned", actor=actor,
                    expected_version=expected_version) as step:
        case = step.obj
        department = case.department
        case.department = case.grid = case.handler = None
        save(case)
        step.describe(note=reason, data={"department": department.code if department else ""})
    notify_staff(case, office_intake(), purpose=f"v{case.version}:returned",
                 subject=_subject(case, _("returned by the department")), body=reason)
    return case


