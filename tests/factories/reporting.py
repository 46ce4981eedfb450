"""Case rows with chosen dates for the statistics' known-answer tests. Written straight to the
tables (test data, not workflow): the statistics only read what the cases services record."""

import datetime as dt
import itertools

import factory
from django.utils import timezone

from cases.models import (
    Case,
    CaseEvent,
    DeadlineTrack,
    ExtensionRequest,
    Kind,
    PausedInterval,
    State,
    SupervisionNotice,
)

_numbers = itertools.count(1)


def local(day: dt.date | str, hour: int = 10, minute: int = 0) -> dt.datetime:
    """An aware datetime in the portal's time zone."""
    if isinstance(day, str):
        day = dt.date.fromisoformat(day)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)), timezone.get_default_timezone())


def _moment(value):
    if value is None or isinstance(value, dt.datetime):
        return value
    return local(value)


TRACK_FOR_KIND = {Kind.COMPLAINT: DeadlineTrack.COMPLAINT_TENDERING, Kind.REPORT: DeadlineTrack.REPORT,
                  Kind.SUGGESTION: DeadlineTrack.SUGGESTION}


class CaseRowFactory(factory.django.DjangoModelFactory):
    """Dates may be given as "YYYY-MM-DD" (10:00 local time) or aware datetimes."""

    class Meta:
        model = Case

    class Params:
        received = "2024-10-08"
        accepted = None
        decided = None
        replied = None
        due = None

    number = factory.LazyFunction(lambda: f"RP{next(_numbers):010d}")
    kind = Kind.COMPLAINT
    channel = "online"
    deadline_track = factory.LazyAttribute(lambda o: TRACK_FOR_KIND[o.kind])
    state = State.SUBMITTED
    access_code_hash = "x"
    title = "测试案件"
    facts = "事实与理由"
    received_at = factory.LazyAttribute(lambda o: _moment(o.received))
    accepted_at = factory.LazyAttribute(lambda o: _moment(o.accepted))
    decision_due = factory.LazyAttribute(lambda o: dt.date.fromisoformat(o.due) if o.due else None)
    decided_at = factory.LazyAttribute(lambda o: _moment(o.decided))
    replied_at = factory.LazyAttribute(lambda o: _moment(o.replied))


def event(case, *, to_state: str, on, from_state: str = "", action: str = "") -> CaseEvent:
    return CaseEvent.objects.create(
        case=case, action=action or to_state, from_state=from_state, to_state=to_state, created_at=_moment(on),
        actor_label="system",
    )


def pause(case, *, started: str, ended: str | None, reason=PausedInterval.Reason.TESTING) -> PausedInterval:
    return PausedInterval.objects.create(
        case=case, reason=reason, started_on=dt.date.fromisoformat(started),
        ended_on=dt.date.fromisoformat(ended) if ended else None,
    )


def extension(case, *, workdays: int, requested_by, status=ExtensionRequest.Status.APPROVED,
              deadline="decision") -> ExtensionRequest:
    return ExtensionRequest.objects.create(
        case=case, deadline=deadline, workdays=workdays, reason="鉴定需要", status=status, requested_by=requested_by,
    )


def notice(case, *, on, level=SupervisionNotice.Level.NOTICE) -> SupervisionNotice:
    created = SupervisionNotice.objects.create(case=case, level=level, deadline="decision", is_automatic=False)
    SupervisionNotice.objects.filter(pk=created.pk).update(issued_at=_moment(on))  # issued_at is auto_now_add
    created.refresh_from_db()
    return created


def record_history(case, *, rated_on: str | None = None, satisfied: bool | None = None,
                   deadline_since: str | None = None) -> None:
    """Append what the case services would have appended, through cases.services.records: the
    decision (a row with `decided_at`), a rating (`rated_on`), or the case's current deadline as
    running since `deadline_since`."""
    from cases.deadlines import frozen_clock
    from cases.services import records

    case = Case.objects.get(pk=case.pk)
    if rated_on is not None:
        with frozen_clock(local(rated_on, 16)):
            records.record_rating(case, satisfied=satisfied, round_rated=1)
    elif deadline_since is not None:
        with frozen_clock(local(deadline_since)):
            records.track_deadline(case)
    else:
        records.record_decision(case)
