"""Recorded actions that are not state changes: extensions, supervision notices, identity
reveals and internal notes."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cases import deadlines, selectors
from cases import rules as case_rules
from cases.models import CaseEvent, ExtensionRequest, SupervisionNotice
from cases.models.choices import OPEN_STATES
from cases.services._base import (
    department_heads,
    handlers_to_tell,
    lock_case,
    notify_filer,
    notify_staff,
    office_supervisors,
    require_text,
    resolve_notices,
    save,
)
from cases.services.triage import _subject
from portal.audit import append_events, build_event, record_event
from portal.errors import ActionNotAllowed, PermissionRefused
from portal.workflow import advance_version


@transaction.atomic
def request_extension(*, case_id, actor, deadline, workdays, reason) -> ExtensionRequest:
    """The department asks the office for more working days on the deadline it runs against."""
    reason = require_text(reason, "reason", _("Explain why more time is needed."))
    case = lock_case(case_id)
    case_rules.require("request_extension", actor, case)
    current = deadlines.DEADLINE_BY_STATE.get(case.state)
    if current not in deadlines.SUPERVISED_DEADLINES or deadline != current:
        raise ActionNotAllowed(_("An extension can be requested only for the deadline the case is running against now."))
    if case.extension_requests.filter(status=ExtensionRequest.Status.PENDING).exists():
        raise ActionNotAllowed(_("An extension request is already waiting for the office's decision."))
    extension = ExtensionRequest(case=case, deadline=deadline, workdays=workdays, reason=reason, requested_by=actor,
                                 requested_at=deadlines.now())
    extension.full_clean()
    extension.save()
    record_event(case, action="extension_requested", actor=actor, note=reason,
                 data={"deadline": deadline, "workdays": workdays, "extension": extension.pk})
    notify_staff(case, office_supervisors(), purpose=f"extension:{extension.pk}:requested",
                 subject=_subject(case, _("extension requested")),
                 body=_("%(days)s more working days requested: %(reason)s") % {"days": workdays, "reason": reason})
    return extension


@transaction.atomic
def decide_extension(*, extension_id, actor, approve: bool, note="") -> ExtensionRequest:
    extension = ExtensionRequest.objects.select_for_update().select_related("case").get(pk=extension_id)
    case_rules.require("decide_extension", actor, extension.case)
    if extension.status != ExtensionRequest.Status.PENDING:
        raise ActionNotAllowed(_("This extension request was already decided."))
    if not approve and not (note or "").strip():
        raise ValidationError({"note": _("Give the reason for refusing the extension.")})
    case = lock_case(extension.case_id)
    extension.decided_by, extension.decided_at, extension.decision_note = actor, deadlines.now(), note or ""
    public = ""
    if approve:
        if deadlines.DEADLINE_BY_STATE.get(case.state) != extension.deadline:
            raise ActionNotAllowed(_("The case has moved on; this extension no longer applies."))
        extension.status = ExtensionRequest.Status.APPROVED
        extension.new_due = deadlines.extend(case, deadline=extension.deadline, workdays=extension.workdays)
        advance_version(case)
        save(case)
        resolve_notices(case, extension.deadline)  # the missed date no longer stands
        public = _("The time limit was extended to %(due)s.") % {"due": extension.new_due}
    else:
        extension.status = ExtensionRequest.Status.REFUSED
    extension.save()
    record_event(case, action="extension_approved" if approve else "extension_refused", actor=actor, note=note or "",
                 public_note=public, data={"extension": extension.pk, "new_due": str(extension.new_due or "")})
    notify_staff(case, [extension.requested_by], purpose=f"extension:{extension.pk}:decided",
                 subject=_subject(case, _("extension approved") if approve else _("extension refused")),
                 body=public or note)
    if public:
        notify_filer(case, purpose=f"extension:{extension.pk}", subject=_subject(case, _("time limit extended")), body=public)
    return extension


@transaction.atomic
def issue_supervision_notice(*, case_id, actor, note) -> SupervisionNotice:
    """A manual 督办 by the office, any time the case is open."""
    case = lock_case(case_id)
    case_rules.require("issue_supervision_notice", actor, case)
    note = require_text(note, "note", _("Say what the department must do."))
    if case.state not in OPEN_STATES:
        raise ActionNotAllowed(_("Supervision notices are for open cases."))
    deadline = deadlines.DEADLINE_BY_STATE.get(case.state)
    notice = SupervisionNotice.objects.create(
        case=case, level=SupervisionNotice.Level.NOTICE, is_automatic=False, issued_by=actor, note=note,
        deadline=deadline if deadline in deadlines.SUPERVISED_DEADLINES else SupervisionNotice.Deadline.OTHER,
        due_date=case.current_due, issued_at=deadlines.now(),
    )
    record_event(case, action="supervision_notice", actor=actor, note=note, data={"notice": notice.pk, "automatic": False})
    notify_staff(case, handlers_to_tell(case) + department_heads(case), purpose=f"notice:{notice.pk}",
                 subject=_subject(case, _("supervision notice")), body=note, sms=True)
    return notice


@transaction.atomic
def reveal_identity(*, case_id, actor, reason) -> dict:
    """Show a hidden filer's identity to an office user with the explicit permission; recorded."""
    reason = require_text(reason, "reason", _("Give the reason for revealing the identity."))
    case = lock_case(case_id)
    case_rules.require("reveal_identity", actor, case)
    record_event(case, action="identity_revealed", actor=actor, note=reason)
    return selectors.identity_of(case)


@transaction.atomic
def add_internal_note(*, case_id, actor, note):
    note = require_text(note, "note", _("Write the note."))
    case = lock_case(case_id)
    case_rules.require("add_internal_note", actor, case)
    return record_event(case, action="internal_note", actor=actor, note=note)


IDENTITY_EXPORT_LIMIT = 5000


@transaction.atomic
def export_identities(*, case_ids, actor, reason, file_format) -> list[int]:
    """An export with filers' identities is a reveal of every case in it: the reveal permission,
    the user's visibility and a reason apply as on the case page, and each exported case gets an
    `identity_revealed` event (one INSERT for the whole file). Returns the ids that may be exported."""
    reason = require_text(reason, "reason", _("Give the reason for exporting the identities."))
    if actor is None or not actor.has_perm(case_rules.REVEAL):
        raise PermissionRefused()
    ids = list(dict.fromkeys(case_ids))
    if len(ids) > IDENTITY_EXPORT_LIMIT:
        raise ValidationError(_("An export with identities holds at most %(limit)s cases; narrow the list with the "
                                "filters.") % {"limit": IDENTITY_EXPORT_LIMIT})
    states = dict(selectors.visible_cases(actor).filter(pk__in=ids).values_list("pk", "state"))
    exported = [pk for pk in ids if pk in states]
    note = _("Exported with the filer's identity (%(format)s, %(count)s cases): %(reason)s") % {
        "format": file_format, "count": len(exported), "reason": reason}
    now = deadlines.now()  # one moment for the whole file
    append_events(CaseEvent, [
        build_event(CaseEvent, case_id=pk, actor=actor, action="identity_revealed", to_state=states[pk], note=note,
                    data={"export": file_format, "cases": len(exported)}, created_at=now)
        for pk in exported
    ])
    return exported
