"""What the system does by itself every day (Celery beat, or `run_periodic_tasks`). Every job is
idempotent: running it twice on the same day changes and sends nothing more (dedupe keys on the
outbox, unique automatic notices, state checks under row locks). Each case (or, for the overdue
scan, each batch, retried case by case on failure) is processed in its own transaction so one bad
case never blocks the others."""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import deadlines
from cases.models import Case, CaseEvent, RejectionReason, Satisfaction, State, SupervisionNotice
from cases.models.choices import OPEN_STATES
from cases.services._base import (
    SYSTEM,
    department_heads,
    department_heads_by_department,
    handlers_to_tell,
    lock_case,
    notify_filer,
    notify_staff,
    office_intake,
    office_supervisors,
    save,
    staff_messages,
    transition,
)
from directory.calendar import WorkingCalendar
from notifications.services import enqueue_many
from portal.audit import append_events, build_event, record_event

logger = logging.getLogger(__name__)


def _each(ids, job) -> int:
    done = 0
    for case_id in ids:
        try:
            with transaction.atomic():
                done += bool(job(case_id))
        except Exception:  # logged and retried tomorrow; never stops the batch
            logger.exception("Periodic job failed for %s", case_id)
    return done


def _responsible(case: Case, *, heads: list | None = None, intake: list | None = None) -> list:
    """Who must act on a case's deadline (`heads`, `intake`: already read, for a batch job)."""
    if case.department_id:
        return handlers_to_tell(case, heads=heads)
    return office_intake() if intake is None else intake


def _supervised_overdue(today: dt.date):
    return Case.objects.filter(
        state__in=OPEN_STATES, current_deadline__in=deadlines.SUPERVISED_DEADLINES, current_due__lt=today,
    )


# --- Reminders ------------------------------------------------------------------------------------

def send_reminders(today: dt.date) -> int:
    """N working days (policy) before a due date, tell whoever must act."""
    horizon = WorkingCalendar().add_workdays(today, 10)
    ids = Case.objects.filter(
        state__in=OPEN_STATES, current_deadline__in=(*deadlines.SUPERVISED_DEADLINES, "supplement"),
        current_due__gte=today, current_due__lte=horizon,
    ).values_list("pk", flat=True)
    return _each(list(ids), lambda case_id: _remind(case_id, today))


def _remind(case_id, today) -> bool:
    case = Case.objects.get(pk=case_id)
    due, deadline = case.current_due, case.current_deadline
    if due is None or due < today:
        return False
    left = WorkingCalendar().workdays_between(today, due)
    if left > deadlines.policy_for(case).reminder_workdays:
        return False
    purpose = f"reminder:{deadline}:{due.isoformat()}"
    if deadline == "supplement":
        notify_filer(case, purpose=purpose, subject=f"{case.number} {_('supplement due soon')}",
                     body=_("Please supplement your filing by %(due)s, or it will not be accepted.") % {"due": due})
        return True
    label = SupervisionNotice.Deadline(deadline).label
    notify_staff(case, _responsible(case), purpose=purpose, subject=f"{case.number} {_('due soon')}",
                 body=_("%(deadline)s due on %(due)s (%(left)s working days left): %(title)s") % {
                     "deadline": label, "due": due, "left": left, "title": case.title})
    return True


# --- Supervision ----------------------------------------------------------------------------------

NOTICE_BATCH = 500  # cases locked, noticed and notified together


def issue_overdue_notices(today: dt.date) -> int:
    """The day after a due date passes: an automatic 督办 to handler, department head and office.
    Set-based (a city has thousands of overdue cases on a bad day): each batch of cases is locked,
    noticed, recorded and notified in a handful of statements; a batch that fails is retried case
    by case, so one bad case never blocks the others."""
    already = SupervisionNotice.objects.filter(
        case=OuterRef("pk"), level=SupervisionNotice.Level.NOTICE, is_automatic=True,
        deadline=OuterRef("current_deadline"), due_date=OuterRef("current_due"),
    )
    ids = list(_supervised_overdue(today).filter(~Exists(already)).order_by("pk").values_list("pk", flat=True))
    done = 0
    for start in range(0, len(ids), NOTICE_BATCH):
        batch = ids[start:start + NOTICE_BATCH]
        try:
            with transaction.atomic():
                done += _notices(batch, today)
        except Exception:  # one bad case: the others still get their notice
            logger.exception("Overdue notices failed for a batch; retrying case by case")
            done += _each(batch, lambda case_id: _notices([case_id], today))
    return done


def _notices(case_ids, today) -> int:
    cases = list(
        _supervised_overdue(today).filter(pk__in=case_ids).select_for_update(of=("self",))
        .select_related("handler__staff_profile").order_by("pk")
    )
    noticed = set(SupervisionNotice.objects.filter(
        case__in=cases, level=SupervisionNotice.Level.NOTICE, is_automatic=True,
    ).values_list("case_id", "deadline", "due_date"))
    cases = [case for case in cases if (case.pk, case.current_deadline, case.current_due) not in noticed]
    if not cases:
        return 0
    issued_at = deadlines.now()
    # Translated once per batch, not per case (a lookup through the catalogues each time).
    note = _("The %(deadline)s deadline of %(due)s has passed.")
    labels = {deadline: str(label) for deadline, label in SupervisionNotice.Deadline.choices}
    notices = SupervisionNotice.objects.bulk_create([
        SupervisionNotice(
            case=case, level=SupervisionNotice.Level.NOTICE, deadline=case.current_deadline,
            due_date=case.current_due, is_automatic=True, issued_at=issued_at,
            note=note % {"deadline": labels[case.current_deadline], "due": case.current_due},
        )
        for case in cases
    ])
    append_events(CaseEvent, [
        build_event(CaseEvent, case=case, action="supervision_notice", actor_label=SYSTEM, to_state=case.state,
                    note=notice.note, data={"notice": notice.pk, "automatic": True, "deadline": notice.deadline,
                                            "due": str(case.current_due)})
        for case, notice in zip(cases, notices, strict=True)
    ])
    heads = department_heads_by_department({case.department_id for case in cases})
    supervisors = office_supervisors()
    intake = office_intake() if any(case.department_id is None for case in cases) else []
    messages, subject = [], _("supervision notice: deadline missed")
    for case, notice in zip(cases, notices, strict=True):
        case_heads = heads.get(case.department_id, [])
        messages += staff_messages(
            case, _responsible(case, heads=case_heads, intake=intake) + case_heads + supervisors,
            purpose=f"notice:{notice.pk}", subject=f"{case.number} {subject}", body=f"{notice.note}\n{case.title}",
            sms=True,
        )
    enqueue_many(messages)
    return len(cases)


def escalate_overdue(today: dt.date) -> int:
    """Still overdue `escalation_workdays` after an automatic notice: escalate to the commission."""
    notices = SupervisionNotice.objects.filter(
        level=SupervisionNotice.Level.NOTICE, is_automatic=True, resolved_at__isnull=True,
    ).values_list("pk", flat=True)
    return _each(list(notices), lambda notice_id: _escalate(notice_id, today))


def _escalate(notice_id, today) -> bool:
    notice = SupervisionNotice.objects.get(pk=notice_id)
    case = lock_case(notice.case_id)
    still_overdue = (
        case.state in OPEN_STATES and case.current_deadline == notice.deadline and case.current_due == notice.due_date
        and case.current_due is not None and case.current_due < today
    )
    if not still_overdue:
        return False
    issued_on = timezone.localdate(notice.issued_at)
    if WorkingCalendar().workdays_between(issued_on, today) < deadlines.policy_for(case).escalation_workdays:
        return False
    escalation, created = SupervisionNotice.objects.get_or_create(
        case=case, level=SupervisionNotice.Level.ESCALATION, deadline=notice.deadline, due_date=notice.due_date,
        is_automatic=True, defaults={"issued_at": deadlines.now(), "note": _(
            "Still overdue %(days)s working days after the supervision notice of %(issued)s."
        ) % {"days": deadlines.policy_for(case).escalation_workdays, "issued": issued_on}},
    )
    if not created:
        return False
    record_event(case, action="escalated", actor_label=SYSTEM, note=escalation.note,
                 data={"notice": escalation.pk, "deadline": notice.deadline, "due": str(notice.due_date)})
    notify_staff(case, office_supervisors() + department_heads(case), purpose=f"escalation:{escalation.pk}",
                 subject=f"{case.number} {_('escalated to the commission')}", body=f"{escalation.note}\n{case.title}", sms=True)
    return True


# --- Filer deadlines ------------------------------------------------------------------------------

def expire_supplements(today: dt.date) -> int:
    """Supplement period over without a supplement: not accepted (supplement_expired)."""
    ids = Case.objects.filter(state=State.NEEDS_SUPPLEMENT, supplement_due__lt=today).values_list("pk", flat=True)
    return _each(list(ids), lambda case_id: _expire(case_id, today))


def _expire(case_id, today) -> bool:
    locked = lock_case(case_id)
    if locked.state != State.NEEDS_SUPPLEMENT or locked.supplement_due is None or locked.supplement_due >= today:
        return False
    with transition(case_id=case_id, name="expire_supplement", action="rejected", actor=None, expected_version=None,
                    check_permission=False) as step:
        case = step.obj
        case.rejection_reason = RejectionReason.SUPPLEMENT_EXPIRED
        case.rejection_text = _("The supplement requested was not provided by %(due)s.") % {"due": case.supplement_due}
        case.closed_at = deadlines.now()
        case.paused_intervals.filter(ended_on=None).update(ended_on=today)
        save(case)
        public = _("Not accepted: %(text)s") % {"text": case.rejection_text}
        step.describe(actor_label=SYSTEM, note=case.rejection_text, public_note=public,
                      data={"reason": RejectionReason.SUPPLEMENT_EXPIRED})
    notify_filer(case, purpose=f"v{case.version}:rejected", subject=f"{case.number} {_('not accepted')}", body=public)
    return True


def close_unrated(today: dt.date) -> int:
    """Rating window over: the case closes with satisfaction 'no response'."""
    ids = Case.objects.filter(state=State.REPLIED, rating_due__lt=today).values_list("pk", flat=True)
    return _each(list(ids), lambda case_id: _close_unrated(case_id, today))


def _close_unrated(case_id, today) -> bool:
    locked = lock_case(case_id)
    if locked.state != State.REPLIED or locked.rating_due is None or locked.rating_due >= today:
        return False
    with transition(case_id=case_id, name="close", action="closed", actor=None, expected_version=None,
                    check_permission=False) as step:
        case = step.obj
        case.satisfaction = Satisfaction.NO_RESPONSE
        case.closed_at = deadlines.now()
        save(case)
        step.describe(actor_label=SYSTEM, note=_("No rating in time."),
                      public_note=_("The case is closed; no rating was given in time."))
    return True


def run_daily(today: dt.date | None = None) -> dict:
    today = today or deadlines.today()
    return {
        "expired_supplements": expire_supplements(today),
        "closed_unrated": close_unrated(today),
        "reminders": send_reminders(today),
        "notices": issue_overdue_notices(today),
        "escalations": escalate_overdue(today),
    }
