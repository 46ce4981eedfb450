"""Ending a case other than by a decision: withdrawal (11号令 Art. 19) and transfer out."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cases import deadlines, selectors
from cases import rules as case_rules
from cases.models.choices import WITHDRAWABLE_STATES
from cases.services._base import (
    FILER,
    check_filer,
    department_heads,
    handlers_to_tell,
    lock_case,
    notify_filer,
    notify_staff,
    office_intake,
    require_text,
    save,
    transition,
)
from cases.services.triage import _subject
from directory.models import Department
from portal.audit import record_event
from portal.errors import ActionNotAllowed, StaleObject
from portal.workflow import advance_version


@transaction.atomic
def request_withdrawal(*, case_id, filer_user=None, access_proven: bool = False, reason, expected_version=None):
    """The filer asks in writing to withdraw; the office (before referral) or the department decides."""
    reason = require_text(reason, "reason", _("Give the reason for withdrawing in writing."))
    case = lock_case(case_id)
    check_filer(case, filer_user, access_proven=access_proven)
    if expected_version is not None and case.version != expected_version:
        raise StaleObject()
    if case.state not in WITHDRAWABLE_STATES:
        raise ActionNotAllowed(_("This case can no longer be withdrawn."))
    if case.withdrawal_requested_at is not None:
        raise ActionNotAllowed(_("A withdrawal request is already waiting for a decision."))
    case.withdrawal_reason = reason
    case.withdrawal_requested_at = deadlines.now()
    advance_version(case)
    save(case)
    record_event(case, "withdrawal_requested", actor=filer_user, actor_label=FILER, note=reason,
                 public_note=_("You asked to withdraw the case: %(reason)s") % {"reason": reason})
    deciders = office_intake() if case.state in selectors.OFFICE_WITHDRAWAL_STATES or not case.department_id else (
        department_heads(case) + handlers_to_tell(case))
    notify_staff(case, deciders, purpose=f"v{case.version}:withdrawal_requested",
                 subject=_subject(case, _("withdrawal requested")), body=reason)
    return case


@transaction.atomic
def decide_withdrawal(*, case_id, actor, approve: bool, note, expected_version=None):
    """Approve: the case ends as withdrawn. Refuse (a violation is established): handling goes on."""
    note = require_text(note, "note", _("Give the reasons for the decision on the withdrawal."))
    case = lock_case(case_id)
    case_rules.require("decide_withdrawal", actor, case)
    if case.withdrawal_requested_at is None:
        raise ActionNotAllowed(_("There is no withdrawal request to decide on."))
    data = {"reason": case.withdrawal_reason}
    if approve:
        public = _("Your withdrawal was approved; the case is closed.")
        with transition(case_id=case_id, name="withdraw", action="withdrawal_approved", actor=actor,
                        expected_version=expected_version, note=note) as step:
            case = step.obj
            case.closed_at = deadlines.now()
            case.withdrawal_requested_at = None
            save(case)
            case.supervision_notices.filter(resolved_at__isnull=True).update(resolved_at=deadlines.now())
            step.describe(public_note=public, data=data)
    else:
        public = _("Your withdrawal was refused and handling continues: %(note)s") % {"note": note}
        advance_version(case, expected_version=expected_version)
        case.withdrawal_requested_at = None
        save(case)
        record_event(case, "withdrawal_refused", actor=actor, from_state=case.state, note=note, public_note=public,
                     data=data)
    notify_filer(case, purpose=f"v{case.version}:withdrawal", subject=_subject(case, _("withdrawal decided")), body=public)
    return case


@transaction.atomic
def transfer_out(*, case_id, actor, authority, reason, expected_version=None):
    """移送 to an outside body (纪委监委, 公安, 审计...): the case leaves this system."""
    reason = require_text(reason, "reason", _("Give the reason for the transfer."))
    if authority is None or authority.kind != Department.Kind.OUTSIDE_BODY:
        raise ValidationError({"authority": _("Transfer only to an outside authority (discipline commission, police, audit...).")})
    case_rules.require("transfer_out", actor, lock_case(case_id))
    with transition(case_id=case_id, name="transfer_out", action="transferred", actor=actor,
                    expected_version=expected_version) as step:
        case = step.obj
        case.transferred_to, case.transfer_reason = authority, reason
        case.closed_at = deadlines.now()
        save(case)
        case.supervision_notices.filter(resolved_at__isnull=True).update(resolved_at=deadlines.now())
        public = _("Transferred to %(authority)s, which is competent for this matter.") % {"authority": authority.name}
        step.describe(note=reason, public_note=public, data={"authority": authority.code})
    notify_filer(case, purpose=f"v{case.version}:transferred", subject=_subject(case, _("transferred")), body=public)
    if case.department_id:
        notify_staff(case, handlers_to_tell(case), purpose=f"v{case.version}:transferred",
                     subject=_subject(case, _("transferred out")), body=reason)
    return case
