"""The decision clock's policy, defined once (DESIGN §3). `cases.deadlines` computes due dates
from it in Python; `reporting.figures.clock` computes the same working days inside SQL from the
same definitions below. A property test (tests/reporting/test_clock_equivalence.py) holds both to
the same allowed and used working days.

- The period and where it counts from come from the office's DeadlinePolicy per rule set, with
  DEFAULT_* when the office deleted a policy.
- The clock starts on the day of acceptance (or receipt / the last supplement, `counted_from`, for
  rules that count from receipt); re-handling after dissatisfaction restarts it on the reopening day.
- Suspensions (any pause but a supplement) stop it: the working days after the day a pause began up
  to and including the day it ended, within the clock's own span, do not count.
- Each approved extension of the decision deadline adds its working days to the allowance.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from cases.models import Case, CaseEvent, DeadlinePolicy, DeadlineTrack, ExtensionRequest, PausedInterval, State
from directory.calendar import WorkingCalendar

DEFAULT_ACCEPTANCE_WORKDAYS = 5
DEFAULT_DECISION_WORKDAYS = 30
DEFAULT_FROM_ACCEPTANCE = True
# Pauses that do not stop the decision clock (a supplement stops only the acceptance clock).
PAUSES_NOT_STOPPING_DECISION = (PausedInterval.Reason.SUPPLEMENT,)
# The event that reopens a case for re-handling after dissatisfaction.
REOPENING = {"from_state": State.REPLIED, "to_state": State.INVESTIGATING}
# Extensions that add to the decision allowance.
DECISION_EXTENSIONS = {"status": ExtensionRequest.Status.APPROVED, "deadline": "decision"}


def default_policy(track: str) -> DeadlinePolicy:
    return DeadlinePolicy(track=track, acceptance_workdays=DEFAULT_ACCEPTANCE_WORKDAYS,
                          decision_workdays=DEFAULT_DECISION_WORKDAYS, decision_from_acceptance=DEFAULT_FROM_ACCEPTANCE)


def policy_for_track(track: str) -> DeadlinePolicy:
    # The office deleted a policy: fall back to the defaults, never crash.
    return DeadlinePolicy.objects.filter(track=track).first() or default_policy(track)


def decision_rules() -> dict[str, tuple[int | None, bool]]:
    """Per rule set: (decision period in working days or None, counts from acceptance)."""
    found = {p.track: p for p in DeadlinePolicy.objects.all()}
    return {
        track: (policy.decision_workdays, policy.decision_from_acceptance)
        for track in DeadlineTrack.values
        for policy in [found.get(track) or default_policy(track)]
    }


@dataclass(frozen=True)
class DecisionClock:
    started_on: dt.date | None
    allowed: int | None  # None when the rules set no decision period
    used: int | None  # None until decided


def _local_day(moment: dt.datetime | None) -> dt.date | None:
    return timezone.localdate(moment) if moment else None


def decision_clock(case: Case, calendar: WorkingCalendar | None = None) -> DecisionClock:
    """The decision clock of one case, in Python (the SQL twin is reporting.figures.clock)."""
    calendar = calendar or WorkingCalendar()
    policy = policy_for_track(case.deadline_track)
    decided_on = _local_day(case.decided_at)
    started_on = None
    if case.rehandled:
        reopening = CaseEvent.objects.filter(case=case, created_at__lt=case.decided_at, **REOPENING) \
            if case.decided_at else CaseEvent.objects.filter(case=case, **REOPENING)
        started_on = _local_day(reopening.order_by("-created_at").values_list("created_at", flat=True).first())
    if started_on is None:
        started_on = (_local_day(case.accepted_at) if policy.decision_from_acceptance
                      else case.counted_from or _local_day(case.received_at))
    allowed = None
    if policy.decision_workdays is not None:
        allowed = policy.decision_workdays + sum(
            case.extension_requests.filter(**DECISION_EXTENSIONS).values_list("workdays", flat=True))
    used = None
    if started_on and decided_on:
        used = calendar.workdays_between(started_on, decided_on)
        for interval in case.paused_intervals.exclude(reason__in=PAUSES_NOT_STOPPING_DECISION):
            began = max(interval.started_on, started_on)
            ended = min(interval.ended_on or decided_on, decided_on)
            used -= max(0, calendar.workdays_between(began, ended))
    return DecisionClock(started_on, allowed, used)
