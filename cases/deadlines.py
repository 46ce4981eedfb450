"""Statutory deadlines of a case, in working days (DESIGN §3), and the clock the services use.
The decision clock's policy itself is defined once in cases.clock.

Periods count from the day after their start day (directory.calendar). Suspension stops the
decision clock: on resume the decision due date moves by the working days the case stood still.
A supplement request stops the acceptance clock; the supplement restarts the periods that count
from receipt (`Case.counted_from`).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from cases.clock import PAUSES_NOT_STOPPING_DECISION, policy_for_track
from cases.models import Case, DeadlinePolicy, DeadlineTrack, Kind, PausedInterval, State
from directory.calendar import WorkingCalendar, is_provisional
from directory.models import TradingProject
from portal.clock import frozen_clock, now  # noqa: F401 - the services' clock, re-exported


def today() -> dt.date:
    return timezone.localdate(now())


# Which due-date field a case runs against in each state.
DEADLINE_BY_STATE = {
    State.NEEDS_SUPPLEMENT: "supplement",
    State.SUBMITTED: "acceptance",
    State.ACCEPTED: "decision",
    State.ASSIGNED: "decision",
    State.INVESTIGATING: "decision",
    State.UNDER_REVIEW: "decision",
    State.DECIDED: "reply",
    State.REPLIED: "rating",
}
DUE_FIELD = {
    "supplement": "supplement_due",
    "acceptance": "acceptance_due",
    "decision": "decision_due",
    "reply": "reply_due",
    "rating": "rating_due",
}
# Deadlines the office supervises (the others are the filer's: their expiry has its own effect).
SUPERVISED_DEADLINES = ("acceptance", "decision", "reply")


def track_for(*, kind: str, project: TradingProject | None) -> str:
    if kind == Kind.COMPLAINT:
        if project is not None and project.category == TradingProject.Category.GOVERNMENT_PROCUREMENT:
            return DeadlineTrack.COMPLAINT_PROCUREMENT
        return DeadlineTrack.COMPLAINT_TENDERING
    if kind == Kind.REPORT:
        return DeadlineTrack.REPORT
    return DeadlineTrack.SUGGESTION


def policy_for(case: Case) -> DeadlinePolicy:
    return policy_for_track(case.deadline_track)


def _add(start: dt.date | None, workdays: int | None, calendar: WorkingCalendar | None = None) -> dt.date | None:
    if start is None or workdays is None:
        return None
    return (calendar or WorkingCalendar()).add_workdays(start, workdays)


def set_intake_deadlines(case: Case, *, counted_from: dt.date) -> None:
    """On receipt, and again when a supplement restarts the clock."""
    policy = policy_for(case)
    calendar = WorkingCalendar()
    case.counted_from = counted_from
    case.supplement_due = None
    case.acceptance_due = _add(counted_from, policy.acceptance_workdays, calendar)
    if policy.decision_from_acceptance:
        case.decision_due = None  # known once accepted
    else:
        case.decision_due = _add(counted_from, policy.decision_workdays, calendar)
        case.decision_due = _plus_paused_decision_days(case, case.decision_due, calendar)


def set_supplement_deadline(case: Case, *, requested_on: dt.date) -> None:
    case.supplement_due = _add(requested_on, policy_for(case).supplement_workdays)
    case.acceptance_due = None  # the acceptance clock waits for the supplement


def set_decision_deadline_on_acceptance(case: Case, *, accepted_on: dt.date) -> None:
    policy = policy_for(case)
    case.acceptance_due = None
    if policy.decision_from_acceptance:
        case.decision_due = _add(accepted_on, policy.decision_workdays)


def set_rehandling_deadline(case: Case, *, reopened_on: dt.date) -> None:
    """Re-handling after dissatisfaction gets a fresh decision period."""
    case.decision_due = _add(reopened_on, policy_for(case).decision_workdays)
    case.reply_due = None
    case.rating_due = None


def set_reply_deadline(case: Case, *, decided_on: dt.date) -> None:
    """Feedback N working days after the decision; a suggestion's whole period is for the reply,
    so its feedback is due when that period ends."""
    if timeliness_measured_at(case) == "reply" and case.decision_due is not None:
        case.reply_due = case.decision_due
    else:
        case.reply_due = _add(decided_on, policy_for(case).reply_workdays)


def set_rating_deadline(case: Case, *, replied_on: dt.date) -> None:
    case.rating_due = _add(replied_on, policy_for(case).rating_workdays)


def paused_workdays(interval: PausedInterval, calendar: WorkingCalendar | None = None) -> int:
    """Working days a suspension took off the clock: days after the day it began up to and
    including the day it ended (that day is the new start day, as PRC law counts periods)."""
    if interval.ended_on is None:
        return 0
    return (calendar or WorkingCalendar()).workdays_between(interval.started_on, interval.ended_on)


def _plus_paused_decision_days(case: Case, due: dt.date | None, calendar: WorkingCalendar) -> dt.date | None:
    # Suspensions already over when a due date is (re)computed from its start still count.
    if due is None or case.pk is None:
        return due
    days = sum(
        paused_workdays(interval, calendar)
        for interval in case.paused_intervals.exclude(reason__in=PAUSES_NOT_STOPPING_DECISION).exclude(ended_on=None)
    )
    return calendar.add_workdays(due, days) if days else due


def move_decision_due_after_suspension(case: Case, interval: PausedInterval) -> int:
    days = paused_workdays(interval)
    if case.decision_due is not None and days:
        case.decision_due = WorkingCalendar().add_workdays(case.decision_due, days)
    return days


def extend(case: Case, *, deadline: str, workdays: int) -> dt.date:
    field = DUE_FIELD[deadline]
    current = getattr(case, field) or today()
    new_due = WorkingCalendar().add_workdays(current, workdays)
    setattr(case, field, new_due)
    return new_due


def refresh_current_deadline(case: Case) -> None:
    """Keep `current_deadline`/`current_due` in step with the state (call before saving)."""
    deadline = DEADLINE_BY_STATE.get(case.state, "")
    case.current_deadline = deadline
    case.current_due = getattr(case, DUE_FIELD[deadline]) if deadline else None


# The statutory period whose keeping the statistics judge: a suggestion's period is for the reply.
TIMELINESS_MEASURED_AT = {DeadlineTrack.SUGGESTION: "reply"}


def timeliness_measured_at(case: Case) -> str:
    """"decision" or "reply": the step at which this case's period is met or missed."""
    return TIMELINESS_MEASURED_AT.get(case.deadline_track, "decision")


def remaining_workdays(case: Case, *, on: dt.date | None = None) -> dict:
    """Per deadline that matters in the current state: due date, working days left (negative when
    overdue) and whether the clock stands still."""
    on = on or today()
    calendar = WorkingCalendar()
    result = {}
    if case.state == State.SUSPENDED:
        result["decision"] = {"due": case.decision_due, "workdays_left": None, "paused": True,
                              "provisional": is_provisional(case.decision_due, calendar)}
        return result
    deadline = DEADLINE_BY_STATE.get(case.state)
    if deadline:
        due = getattr(case, DUE_FIELD[deadline])
        if due is not None:
            result[deadline] = {"due": due, "workdays_left": calendar.workdays_between(on, due), "paused": False,
                                "provisional": is_provisional(due, calendar)}
    return result
