"""Handling in the department: investigation, suspension, decision, review, feedback, rating."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cases import deadlines
from cases import rules as case_rules
from cases.models import Measure, Outcome, PausedInterval, Satisfaction
from cases.models.choices import SOFT_MEASURES, SUBSTANTIATED_OUTCOMES
from cases.services import decision, records
from cases.services._base import (
    FILER,
    check_filer,
    department_heads,
    handlers_to_tell,
    lock_case,
    notify_filer,
    notify_staff,
    require_text,
    resolve_notices,
    save,
    transition,
)

SUSPENSION_REASONS = (PausedInterval.Reason.TESTING, PausedInterval.Reason.EXPERT_REVIEW, PausedInterval.Reason.OTHER)


@transaction.atomic
def start_handling(*, case_id, actor, expected_version=None):
    case_rules.require("start_handling", actor, lock_case(case_id))
    with transition(case_id=case_id, name="start", action="started", actor=actor, expected_version=expected_version) as step:
        case = step.obj
        if case.handler_id is None:
            case.handler = actor
        save(case)
        step.describe(public_note=_("Handling has started."))
    return case


@transaction.atomic
def suspend(*, case_id, actor, reason, note, expected_version=None):
    """中止 for testing, appraisal or expert review: the decision clock stops."""
    if reason not in SUSPENSION_REASONS:
        raise ValidationError({"reason": _("Choose why handling is suspended.")})
    note = require_text(note, "note", _("Explain the suspension (what is being tested or reviewed)."))
    case_rules.require("suspend", actor, lock_case(case_id))
    with transition(case_id=case_id, name="suspend", action="suspended", actor=actor, expected_version=expected_version) as step:
        case = step.obj
        PausedInterval.objects.create(case=case, reason=reason, note=note, started_on=deadlines.today())
        save(case)
        resolve_notices(case, "decision")
        label = PausedInterval.Reason(reason).label
        step.describe(note=note,
                      public_note=_("Handling is suspended (%(reason)s); the time limit stops meanwhile.") % {"reason": label},
                      data={"reason": reason})
    notify_filer(case, purpose=f"v{case.version}:suspended", subject=f"{case.number} {_('suspended')}",
                 body=_("Handling is suspended (%(reason)s); the time limit stops meanwhile.") % {"reason": label})
    return case


@transaction.atomic
def resume(*, case_id, actor, note="", expected_version=None):
    """The decision due date moves by the working days the case stood still."""
    case_rules.require("resume", actor, lock_case(case_id))
    with transition(case_id=case_id, name="resume", action="resumed", actor=actor, expected_version=expected_version) as step:
        case = step.obj
        interval = case.paused_intervals.exclude(reason=PausedInterval.Reason.SUPPLEMENT).filter(ended_on=None).last()
        days = 0
        if interval is not None:
            interval.ended_on = deadlines.today()
            interval.save(update_fields=["ended_on"])
            days = deadlines.move_decision_due_after_suspension(case, interval)
        save(case)
        public = _("Handling resumed. The decision is now due by %(due)s.") % {"due": case.decision_due}
        step.describe(note=note, public_note=public,
                      data={"paused_workdays": days, "decision_due": str(case.decision_due or "")})
    notify_filer(case, purpose=f"v{case.version}:resumed", subject=f"{case.number} {_('resumed')}", body=public)
    return case


def _clean_decision(outcome, decision_text, measures, fine_amount):
    errors = {}
    if outcome not in Outcome.values:
        errors["outcome"] = _("Choose the outcome.")
    if not (decision_text or "").strip():
        errors["decision_text"] = _("Write the decision and its reasons.")
    measures = list(dict.fromkeys(measures or []))
    unknown = [m for m in measures if m not in Measure.values]
    if unknown:
        errors["measures"] = _("Unknown measures: %(codes)s") % {"codes": ", ".join(map(str, unknown))}
    elif outcome in SUBSTANTIATED_OUTCOMES:
        if not measures:
            errors["measures"] = _("A substantiated violation needs at least one measure.")
        elif set(measures) <= SOFT_MEASURES:
            errors["measures"] = _(
                "An admonishing talk or internal handling never replaces an administrative penalty, and an "
                "administrative penalty never replaces a criminal referral."
            )
    if fine_amount not in (None, ""):
        try:
            fine_amount = Decimal(str(fine_amount))
        except (InvalidOperation, ValueError):
            fine_amount = None
            errors["fine_amount"] = _("Enter the fine as an amount in yuan.")
    else:
        fine_amount = None
    if Measure.FINE in measures and (fine_amount is None or fine_amount <= 0):
        errors.setdefault("fine_amount", _("A fine needs its amount."))
    if fine_amount is not None and Measure.FINE not in measures:
        errors.setdefault("fine_amount", _("Enter an amount only together with the measure 'fine'."))
    if errors:
        raise ValidationError(errors)
    return measures, fine_amount


@transaction.atomic
def propose_decision(*, case_id, actor, outcome, decision_text, measures, fine_amount=None, facts_found="",
                     legal_basis="", expected_version=None):
    """For a complaint the proposal drafts the decision document (facts found, reasoning = the
    decision text, legal basis: the statutory one when left blank)."""
    measures, fine_amount = _clean_decision(outcome, decision_text, measures, fine_amount)
    case_rules.require("propose_decision", actor, lock_case(case_id))
    with transition(case_id=case_id, name="propose_decision", action="decision_proposed", actor=actor,
                    expected_version=expected_version) as step:
        case = step.obj
        case.outcome, case.decision_text, case.measures, case.fine_amount = outcome, decision_text.strip(), measures, fine_amount
        case.proposed_by, case.approved_by = actor, None
        save(case)
        decision.draft_document(case, facts_found=facts_found, legal_basis=legal_basis)
        step.describe(note=decision_text.strip(),
                      data={"outcome": outcome, "measures": measures, "fine_amount": str(fine_amount or "")})
    notify_staff(case, [u for u in department_heads(case) if u.pk != actor.pk], purpose=f"v{case.version}:proposed",
                 subject=f"{case.number} {_('decision awaits your review')}", body=case.decision_text)
    return case


@transaction.atomic
def approve_decision(*, case_id, actor, note="", expected_version=None):
    """Approval by someone other than the proposer (不相容岗位分离)."""
    locked = lock_case(case_id)
    case_rules.require("approve_decision", actor, locked)  # includes separation of duties
    with transition(case_id=case_id, name="approve", action="decision_approved", actor=actor,
                    expected_version=expected_version) as step:
        case = step.obj
        case.approved_by = actor
        case.decided_at = deadlines.now()
        deadlines.set_reply_deadline(case, decided_on=deadlines.today())
        save(case)
        records.record_decision(case)
        document = decision.issue_document(case)
        resolve_notices(case, "decision")
        step.describe(note=note,
                      public_note=_("A decision has been made: %(outcome)s.") % {"outcome": case.outcome_label},
                      data={"outcome": case.outcome, "reply_due": str(case.reply_due or ""),
                            "document": document.number if document else ""})
    notify_staff(case, handlers_to_tell(case), purpose=f"v{case.version}:approved",
                 subject=f"{case.number} {_('decision approved')}",
                 body=_("Give feedback to the filer by %(due)s.") % {"due": case.reply_due})
    return case


@transaction.atomic
def send_back(*, case_id, actor, note, expected_version=None):
    note = require_text(note, "note", _("Say what must be reworked."))
    case_rules.require("send_back", actor, lock_case(case_id))
    with transition(case_id=case_id, name="send_back", action="sent_back", actor=actor,
                    expected_version=expected_version) as step:
        case = step.obj
        save(case)
        step.describe(note=note)
    notify_staff(case, [case.proposed_by or case.handler], purpose=f"v{case.version}:sent_back",
                 subject=f"{case.number} {_('decision sent back')}", body=note)
    return case


@transaction.atomic
def reply_to_filer(*, case_id, actor, reply_text, expected_version=None):
    reply_text = require_text(reply_text, "reply_text", _("Write the feedback to the filer."))
    case_rules.require("reply_to_filer", actor, lock_case(case_id))
    with transition(case_id=case_id, name="reply", action="replied", actor=actor, expected_version=expected_version) as step:
        case = step.obj
        case.reply_text = reply_text
        case.replied_at = deadlines.now()
        deadlines.set_rating_deadline(case, replied_on=deadlines.today())
        save(case)
        records.record_reply(case)
        resolve_notices(case, "reply")
        step.describe(note=reply_text, public_note=reply_text, data={"rating_due": str(case.rating_due or "")})
    notify_filer(case, purpose=f"v{case.version}:replied", subject=f"{case.number} {_('result of your filing')}",
                 body=_("%(text)s\nPlease rate how your filing was handled by %(due)s.") % {"text": reply_text, "due": case.rating_due})
    return case


@transaction.atomic
def rate_satisfaction(*, case_id, filer_user=None, access_proven: bool = False, satisfied: bool, comment="", expected_version=None):
    """Satisfied closes the case; the first dissatisfaction re-opens it once (重新办理)."""
    locked = lock_case(case_id)
    check_filer(locked, filer_user, access_proven=access_proven)
    rehandle = not satisfied and not locked.rehandled
    round_rated = 2 if locked.rehandled else 1
    with transition(case_id=case_id, name="reopen_for_rehandling" if rehandle else "close", action="rated",
                    actor=filer_user, expected_version=expected_version, check_permission=False) as step:
        case = step.obj
        case.satisfaction = Satisfaction.SATISFIED if satisfied else Satisfaction.DISSATISFIED
        case.satisfaction_comment = comment or ""
        if rehandle:
            case.rehandled = True
            case.proposed_by = case.approved_by = None
            deadlines.set_rehandling_deadline(case, reopened_on=deadlines.today())
            public = _("You were not satisfied: the case is handled again, with a decision due by %(due)s.") % {"due": case.decision_due}
        else:
            case.closed_at = deadlines.now()
            public = _("Thank you for your rating. The case is closed.")
        save(case)
        records.record_rating(case, satisfied=bool(satisfied), round_rated=round_rated)
        step.describe(actor_label=FILER, note=comment or "", public_note=public,
                      data={"satisfied": bool(satisfied), "rehandled": rehandle})
    if rehandle:
        notify_staff(case, handlers_to_tell(case) + department_heads(case), purpose=f"v{case.version}:rehandle",
                     subject=f"{case.number} {_('filer dissatisfied: handle again')}", body=comment or "")
    return case
