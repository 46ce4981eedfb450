"""The records the statistics count (cases.models.history), appended by the case services at the
moment each thing happens, with the case's own due date of that moment: one rule for "on time",
used by the case page and the statistics alike."""

from __future__ import annotations

from django.utils import timezone

from cases import clock, deadlines
from cases.models import Case
from cases.models.history import DeadlineSpan, DecisionRecord, RatingRecord, TimelinessRecord


def _round(case: Case) -> int:
    """1 for the first handling, 2 once re-handled after dissatisfaction."""
    return 2 if case.rehandled else 1


def record_decision(case: Case) -> DecisionRecord:
    """After approval: the decision of this round, and its timeliness unless that is measured at
    the reply (suggestions)."""
    record = DecisionRecord.objects.create(
        case=case, round=_round(case), decided_at=case.decided_at, department_id=case.department_id,
        kind=case.kind, outcome=case.outcome, measures=list(case.measures or []), fine_amount=case.fine_amount,
    )
    if deadlines.timeliness_measured_at(case) == "decision":
        _record_timeliness(case, met_at=case.decided_at, due_on=case.decision_due)
    return record


def record_reply(case: Case) -> None:
    """After feedback: a suggestion's period (reply within N working days of receipt) is met now."""
    if deadlines.timeliness_measured_at(case) == "reply":
        _record_timeliness(case, met_at=case.replied_at, due_on=case.reply_due)


def _record_timeliness(case: Case, *, met_at, due_on) -> TimelinessRecord:
    met_on = timezone.localdate(met_at)
    started_on = clock.clock_started_on(case, reopened_on=clock.reopened_on(case))
    return TimelinessRecord.objects.create(
        case=case, round=_round(case), met_at=met_at, met_on=met_on, due_on=due_on, clock_started_on=started_on,
        workdays_used=clock.workdays_used(case, started_on=started_on, met_on=met_on),
        department_id=case.department_id, kind=case.kind,
    )


def record_rating(case: Case, *, satisfied: bool, round_rated: int) -> RatingRecord:
    return RatingRecord.objects.create(
        case=case, round=round_rated, rated_at=deadlines.now(), satisfied=satisfied,
        department_id=case.department_id, kind=case.kind,
    )


def track_deadline(case: Case, *, new: bool = False) -> None:
    """Close the case's open deadline span and open a new one when its deadline, due date or
    department changed (call after saving the case; `new`: it was just created, no span yet)."""
    moment = deadlines.now()
    current = None if new else (
        DeadlineSpan.objects.filter(case=case, valid_until__isnull=True).order_by("-valid_from").first())
    wanted = (case.current_deadline or "", case.current_due, case.department_id)
    if current is not None:
        if (current.deadline, current.due_on, current.department_id) == wanted:
            return
        DeadlineSpan.objects.filter(pk=current.pk).update(valid_until=moment)
    DeadlineSpan.objects.create(case=case, deadline=wanted[0], due_on=wanted[1], department_id=wanted[2],
                                valid_from=moment)
