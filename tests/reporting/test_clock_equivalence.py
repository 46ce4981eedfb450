"""The decision clock is one policy (cases.clock) computed twice: in Python for deadlines and in
SQL for the statistics. For any case both must give the same allowed and used working days."""

import datetime as dt

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cases.clock import decision_clock
from cases.models import Case, DeadlinePolicy, DeadlineTrack, PausedInterval, State
from reporting.figures.clock import with_decision_clock
from tests.factories.directory import UserFactory
from tests.factories.reporting import CaseRowFactory, event, extension, pause

START = dt.date(2023, 12, 20)  # spans the 2024 and 2025 holidays and make-up days
DAY = st.integers(min_value=0, max_value=200)
PAUSE = st.tuples(DAY, st.one_of(st.none(), st.integers(min_value=0, max_value=40)),
                  st.sampled_from(list(PausedInterval.Reason)))


def on(offset: int) -> str:
    return (START + dt.timedelta(days=offset)).isoformat()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    track=st.sampled_from(list(DeadlineTrack)),
    received=st.integers(min_value=0, max_value=60),
    accept_after=st.one_of(st.none(), st.integers(min_value=0, max_value=10)),
    supplement_after=st.one_of(st.none(), st.integers(min_value=0, max_value=5)),
    took=st.one_of(st.none(), st.integers(min_value=1, max_value=150)),
    reopened_after=st.one_of(st.none(), st.integers(min_value=1, max_value=100)),
    pauses=st.lists(PAUSE, max_size=3),
    extensions=st.lists(st.tuples(st.integers(min_value=1, max_value=20), st.sampled_from(["approved", "refused"]),
                                  st.sampled_from(["decision", "reply"])), max_size=2),
    policy_deleted=st.booleans(),
)
def test_python_and_sql_give_the_same_allowed_and_used_working_days(
    db, track, received, accept_after, supplement_after, took, reopened_after, pauses, extensions, policy_deleted,
):
    with transaction.atomic():
        staff = UserFactory(username="clock-staff")
        accepted = None if accept_after is None else received + accept_after
        decided = None if took is None else (accepted if accepted is not None else received) + took
        case = CaseRowFactory(
            received=on(received), accepted=on(accepted) if accepted is not None else None,
            decided=on(decided) if decided is not None else None, state=State.DECIDED if decided else State.ACCEPTED,
            rehandled=reopened_after is not None,
        )
        Case.objects.filter(pk=case.pk).update(
            deadline_track=track,
            counted_from=dt.date.fromisoformat(on(received + supplement_after)) if supplement_after is not None else None,
        )
        if reopened_after is not None:
            event(case, from_state=State.REPLIED, to_state=State.INVESTIGATING, on=on(received + reopened_after))
        for began, length, reason in pauses:
            pause(case, started=on(received + began), ended=on(received + began + length) if length is not None else None,
                  reason=reason)
        for workdays, status, deadline in extensions:
            extension(case, workdays=workdays, requested_by=staff, status=status, deadline=deadline)
        if policy_deleted:
            DeadlinePolicy.objects.filter(track=track).delete()
        case = Case.objects.get(pk=case.pk)
        python = decision_clock(case)
        sql = with_decision_clock(Case.objects.filter(pk=case.pk)).values("wd_allowed", "wd_used").get()
        transaction.set_rollback(True)  # each example starts clean (events are append-only)
    assert (python.allowed, python.used) == (sql["wd_allowed"], sql["wd_used"])
