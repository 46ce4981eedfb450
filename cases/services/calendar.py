"""Due dates that follow the holiday schedule: when the office loads a year's schedule
(directory.services.load_year_schedule), open cases whose due dates were counted into that year
with the old calendar (Monday to Friday while it was missing) get them recomputed, each change
recorded as a case event. Registered as a schedule-loading hook in cases.apps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import clock, deadlines
from cases.models import Case, PausedInterval, State
from cases.models.choices import OPEN_STATES
from cases.services._base import SYSTEM, save
from directory.calendar import WorkingCalendar
from portal.audit import record_event
from portal.workflow import advance_version

# The states in which each deadline is still to be met (a met deadline stays as it was).
RUNNING_IN = {
    "supplement": {State.NEEDS_SUPPLEMENT},
    "acceptance": {State.SUBMITTED},
    "decision": {
        State.SUBMITTED,
        State.NEEDS_SUPPLEMENT,
        State.ACCEPTED,
        State.ASSIGNED,
        State.INVESTIGATING,
        State.SUSPENDED,
        State.UNDER_REVIEW,
    },
    "reply": {State.DECIDED},
    "rating": {State.REPLIED},
}


@dataclass(frozen=True)
class PendingDue:
    """A due date counted into the loaded year: `workdays` working days after `anchor`."""

    field: str
    old_due: dt.date
    anchor: dt.date
    workdays: int


def _period_start(case: Case, deadline: str) -> dt.date | None:
    """The day the period behind this due date counts from (the day after it is day one)."""
    if deadline == "acceptance":
        return case.counted_from
    if deadline == "supplement":
        interval = case.paused_intervals.filter(reason=PausedInterval.Reason.SUPPLEMENT).order_by("started_on").last()
        return interval.started_on if interval else None
    if deadline == "decision":
        return clock.clock_started_on(case, reopened_on=clock.reopened_on(case))
    if deadline == "reply":
        return timezone.localdate(case.decided_at) if case.decided_at else None
    if deadline == "rating":
        return timezone.localdate(case.replied_at) if case.replied_at else None
    return None


def _pending(case: Case, year: int, old_calendar: WorkingCalendar) -> list[PendingDue]:
    """Only the days of `year` change: the working days counted after the last day before it (or
    after the period's start, when that is later) are carried over to the new calendar."""
    year_before_end = dt.date(year - 1, 12, 31)
    pending = []
    for deadline, field in deadlines.DUE_FIELD.items():
        old_due = getattr(case, field)
        if case.state not in RUNNING_IN[deadline] or old_due is None or old_due <= year_before_end:
            continue
        start = _period_start(case, deadline)
        anchor = max(start, year_before_end) if start else year_before_end
        if old_due <= anchor:
            continue
        pending.append(PendingDue(field, old_due, anchor, old_calendar.workdays_between(anchor, old_due)))
    return pending


def affected_open_cases(year: int):
    """Open cases with any due date on or after 1 January of `year`, locked (one query)."""
    first_day = dt.date(year, 1, 1)
    counted_into_year = Q()
    for field in deadlines.DUE_FIELD.values():
        counted_into_year |= Q(**{f"{field}__gte": first_day})
    return Case.objects.select_for_update().filter(counted_into_year, state__in=OPEN_STATES).order_by("pk")


def prepare_due_date_recomputation(year: int) -> Callable[[], None]:
    """Before the schedule of `year` is written: what each open case counted with the old calendar.
    Returns the step that, once written, recomputes with the new calendar and records changes."""
    old_calendar = WorkingCalendar()
    plans = [(case, _pending(case, year, old_calendar)) for case in affected_open_cases(year)]

    def recompute() -> None:
        new_calendar = WorkingCalendar()
        for case, pending in plans:
            changes = {}
            for item in pending:
                new_due = new_calendar.add_workdays(item.anchor, item.workdays)
                if new_due != item.old_due:
                    setattr(case, item.field, new_due)
                    changes[item.field] = (item.old_due, new_due)
            if changes:
                _record_recomputation(case, year, changes)

    return recompute


def _record_recomputation(case: Case, year: int, changes: dict) -> None:
    advance_version(case)
    save(case)
    labels = {field: str(Case._meta.get_field(field).verbose_name) for field in changes}
    lines = [
        _("%(deadline)s: %(old)s → %(new)s")
        % {"deadline": labels[field], "old": old.isoformat(), "new": new.isoformat()}
        for field, (old, new) in changes.items()
    ]
    note = _("The holiday schedule for %(year)s was loaded; due dates recomputed.") % {"year": year}
    record_event(
        case,
        "due_date_recomputed",
        actor_label=SYSTEM,
        note="\n".join([note, *lines]),
        public_note="\n".join([note, *lines]),
        from_state=case.state,
        data={"year": year, "changes": {f: [old.isoformat(), new.isoformat()] for f, (old, new) in changes.items()}},
    )
