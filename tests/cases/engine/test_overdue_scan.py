"""The daily overdue scan is set-based: its statements do not grow with the number of overdue
cases, a re-run touches nothing, and one bad case in a batch never costs the others their notice."""

import datetime as dt
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import CaseEvent, State, SupervisionNotice
from cases.services import issue_overdue_notices
from cases.services import system as daily_jobs
from notifications.models import Notification
from tests.factories.cases import CaseFactory, advance, at

pytestmark = pytest.mark.django_db

ACCEPTED_ON, SCAN_DAY = dt.date(2026, 3, 2), dt.date(2026, 4, 15)  # decision due 2026-04-14


def overdue_cases(team, count):
    with at(ACCEPTED_ON):
        return [advance(CaseFactory(), team, State.INVESTIGATING) for _ in range(count)]


def scan_statements():
    with at(SCAN_DAY, hour=6), CaptureQueriesContext(connection) as queries:
        done = issue_overdue_notices(SCAN_DAY)
    return done, len([q for q in queries.captured_queries if "SAVEPOINT" not in q["sql"]])


def test_statements_do_not_grow_with_the_overdue_cases(team):
    overdue_cases(team, 2)
    few = scan_statements()
    SupervisionNotice.objects.all().delete()
    overdue_cases(team, 5)
    many = scan_statements()
    assert (few[0], many[0]) == (2, 7)
    assert few[1] == many[1]
    assert SupervisionNotice.objects.filter(is_automatic=True, deadline="decision", due_date=dt.date(2026, 4, 14)).count() == 7


def test_each_case_gets_its_notice_event_and_messages_once(team, sms_outbox):
    cases = overdue_cases(team, 3)
    assert scan_statements()[0] == 3
    again = scan_statements()
    assert again[0] == 0 and again[1] <= 2  # the look-up finds nothing left to notice
    for case in cases:
        notice = SupervisionNotice.objects.get(case=case)
        assert notice.note and "2026-04-14" in notice.note
        event = CaseEvent.objects.get(case=case, action="supervision_notice")
        assert (event.actor_label, event.data["notice"], event.to_state) == ("system", notice.pk, State.INVESTIGATING)
        told = set(Notification.objects.filter(dedupe_key__startswith=f"case:{case.pk}:notice:{notice.pk}:")
                   .values_list("recipient_user__username", "channel"))
        assert told == {(u, c) for u in ("t_handler", "t_head", "t_deputy", "t_supervisor") for c in ("email", "sms")}


def test_one_bad_case_does_not_cost_the_others_their_notice(team):
    good, bad, other = overdue_cases(team, 3)
    real = daily_jobs.build_event

    def failing_for_bad_case(model, **fields):
        if fields["case"].pk == bad.pk:
            raise RuntimeError("broken case")
        return real(model, **fields)

    with mock.patch.object(daily_jobs, "build_event", side_effect=failing_for_bad_case):
        assert scan_statements()[0] == 2
    noticed = set(SupervisionNotice.objects.values_list("case_id", flat=True))
    assert noticed == {good.pk, other.pk}
    assert not CaseEvent.objects.filter(case=bad, action="supervision_notice").exists()
    assert scan_statements()[0] == 1  # tomorrow's run (here: the same day, repaired) catches it up
