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
    record,
    require_text,
    save,
    transition,
)
from cases.services.triage import _subject
from directory.models import Department
from portal.errors import ActionNotAllowed, StaleObject
from portal.workflow import advance_version


@transaction.atomic
def request_withdrawal(*, case_id, filer_user=None, access_proven: bool = False, reason, expected_version=None, ip_address=None):
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
    record(case, action="withdrawal_requested", actor=filer_user, actor_label=FILER, note=reason, ip_address=ip_address,
           public_note=_("You asked to withdraw the case: %(reason)s") % {"reason": reason})
    deciders = office_intake() if case.state in selectors.OFFICE_WITHDRAWAL_STATES or not case.department_id else (
        department_heads(case) + handlers_to_tell(case))
    notify_staff(case, deciders, purpose=f"v{case.version}:withdrawal_requested",
                 subject=_subject(case, _("withdrawal requested")), body=reason)
    return case


@transaction.atomic
def decide_withdrawal(*, case_id, actor, approve: bool, note, expected_version=None, ip_address=None):
    """Approve: the case ends as withdrawn. Refuse (a violation is established): handling goes on."""
    note = require_text(note, "note", _("Give the reasons for the decision on the withdrawal."))
    case = lock_case(case_id)
    case_rules.require("decide_withdrawal", actor, case)
    if case.withdrawal_requested_at is None:
        raise ActionNotAllowed(_("There is no withdrawal request to decide on."))
    if approve:
        case, before = transition(case_id=case_id, name="withdraw", actor=actor, expected_version=expected_version)
        case.closed_at = deadlines.now()
        public = _("Your withdrawal was approved; the case is closed.")
    else:
        before = case.state
        advance_version(case, expected_version=expected_version)
        public = _("Your withdrawal was refused and handling continues: %(note)s") % {"note": note}
    case.withdrawal_requested_at = None
    save(case)
    if approve:
        case.supervision_notices.filter(resolved_at__isnull=True).update(resolved_at=deadlines.now())
    record(case, action="withdrawal_approved" if approve else "withdrawal_refused", actor=actor, from_state=before,
           note=note, public_note=public, data={"reason": case.withdrawal_reason}, ip_address=ip_address)
    notify_filer(case, purpose=f"v{case.version}:withdrawal", subject=_subject(case, _("withdrawal decided")), body=public)
    return case


@transaction.atomic
def transfer_out(*, case_id, actor, authority, reason, expected_version=None, ip_address=None):
    """移送 to an outside body (纪委监委, 公安, 审计...): the case leaves this system."""
    reason = require_text(reason, "reason", _("Give the reason for the transfer."))
    if authority is None or authority.kind != Department.Kind.OUTSIDE_BODY:
        raise ValidationError({"authority": _("Transfer only to an outside authority (discipline commission, police, audit...).")})
    case_rules.require("transfer_out", actor, lock_case(case_id))
    case, before = transition(case_id=case_id, name="transfer_out", actor=actor, expected_version=expected_version)
    case.transferred_to, case.transfer_reason = authority, reason
    case.closed_at = deadlines.now()
    save(case)
    case.supervision_notices.filter(resolved_at__isnull=True).update(resolved_at=deadlines.now())
    public = _("Transferred to %(authority)s, which is competent for this matter.") % {"authority": authority.name}
    record(case, action="transferred", actor=actor, from_state=before, note=reason, public_note=public,
           data={"authority": authority.code}, ip_address=ip_address)
    notify_filer(case, purpose=f"v{case.version}:transferred", subject=_subject(case, _("transferred")), body=public)
    if case.department_id:
        notify_staff(case, handlers_to_tell(case), purpose=f"v{case.version}:transferred",
                     subject=_subject(case, _("transferred out")), body=reason)
    return case
