"""The decision clock's policy, defined once (DESIGN §3). `cases.deadlines` computes due dates
from it; `cases.services.records` records, when a period is met, the due date of that moment and
the working days used as counted here, and the statistics only read those records (no second
computation in SQL). A property test (tests/reporting/test_clock_equivalence.py) holds the due-date
arithmetic and the used-days arithmetic to the same allowance.

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

from django.utils import timezone

from cases.models import Case, CaseEvent, DeadlinePolicy, DeadlineTrack, ExtensionRequest, PausedInterval, State
from directory.calendar import WorkingCalendar
from portal.shared_cache import forget, remembered

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


# The office's policies (a handful of rows), read once for all requests and workers (the shared
# cache) and forgotten on every save or delete of a policy (signals, cases/apps.py).
POLICIES_KEY = "cases:deadline-policies"
POLICIES_SECONDS = 24 * 3600


def stored_policies() -> dict[str, DeadlinePolicy]:
    return remembered(POLICIES_KEY, lambda: {policy.track: policy for policy in DeadlinePolicy.objects.all()},
                      POLICIES_SECONDS)


def forget_stored_policies(**_signal) -> None:
    forget(POLICIES_KEY)


def policy_for_track(track: str) -> DeadlinePolicy:
    # The office deleted a policy: fall back to the defaults, never crash.
    return stored_policies().get(track) or default_policy(track)


def decision_rules() -> dict[str, tuple[int | None, bool]]:
    """Per rule set: (decision period in working days or None, counts from acceptance)."""
    found = stored_policies()
    return {
        track: (policy.decision_workdays, policy.decision_from_acceptance)
        for track in DeadlineTrack.values
        for policy in [found.get(track) or default_policy(track)]
    }


def clock_started_on(case: Case, *, reopened_on: dt.date | None = None) -> dt.date:
    """The day the current decision period counts from (the day after it is day one): the reopening
    day when re-handled, else acceptance or receipt (the last supplement), as the policy says."""
    if reopened_on is not None:
        return reopened_on
    if policy_for_track(case.deadline_track).decision_from_acceptance and case.accepted_at is not None:
        return timezone.localdate(case.accepted_at)
    return case.counted_from or timezone.localdate(case.received_at)


def reopened_on(case: Case) -> dt.date | None:
    """The day a re-handled case was reopened after dissatisfaction (None if it never was)."""
    if not case.rehandled:
        return None
    moment = (CaseEvent.objects.filter(case=case, **REOPENING).order_by("-created_at")
              .values_list("created_at", flat=True).first())
    return timezone.localdate(moment) if moment else None


def workdays_used(case: Case, *, started_on: dt.date, met_on: dt.date,
                  calendar: WorkingCalendar | None = None) -> int:
    """Working days from `started_on` to `met_on`, less those suspensions took off the clock (the
    working days after the day a pause began up to and including the day it ended, within the span)."""
    calendar = calendar or WorkingCalendar()
    used = calendar.workdays_between(started_on, met_on)
    for interval in case.paused_intervals.exclude(reason__in=PAUSES_NOT_STOPPING_DECISION):
        first, last = max(interval.started_on, started_on), min(interval.ended_on or met_on, met_on)
        if last > first:
            used -= calendar.workdays_between(first, last)
    return used
