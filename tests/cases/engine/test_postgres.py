"""On PostgreSQL: the audit trigger refuses UPDATE and DELETE, and two concurrent transitions on
one case cannot both win."""

import threading

import pytest
from django.db import connection, connections, transaction
from django.db.utils import DatabaseError

from cases import services
from cases.models import Case, CaseEvent, State
from portal.errors import ActionNotAllowed, StaleObject
from tests.conftest import requires_postgres
from tests.factories.cases import CaseFactory, make_team

pytestmark = [requires_postgres(), pytest.mark.postgres]


@pytest.mark.django_db
def test_events_table_refuses_update_and_delete_at_the_database(roles):
    case = CaseFactory()
    event = case.events.get()
    assert CaseEvent._meta.db_table == "cases_caseevent"
    for statement in ("UPDATE cases_caseevent SET note = 'tampered' WHERE id = %s",
                      "DELETE FROM cases_caseevent WHERE id = %s"):
        with pytest.raises(DatabaseError, match="pgtrigger: Cannot"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement, [event.pk])
    assert CaseEvent.objects.get(pk=event.pk).note == event.note
    with connection.cursor() as cursor:  # the row is untouched and still there
        cursor.execute("SELECT count(*) FROM cases_caseevent WHERE case_id = %s", [case.pk])
        assert cursor.fetchone()[0] == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("with_version", [True, False])
def test_two_concurrent_transitions_one_wins(with_version):
    from directory.roles import sync_roles

    sync_roles()
    team = make_team()
    case = CaseFactory()
    barrier = threading.Barrier(2)
    outcomes = []

    def act():
        try:
            barrier.wait(timeout=10)
            services.accept(case_id=case.pk, actor=team.intake,
                            expected_version=case.version if with_version else None)
            outcomes.append("ok")
        except (StaleObject, ActionNotAllowed) as refused:
            outcomes.append(type(refused).__name__)
        finally:
            connections.close_all()  # each thread has its own connection

    threads = [threading.Thread(target=act) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    expected_refusal = "StaleObject" if with_version else "ActionNotAllowed"
    assert sorted(outcomes) == sorted(["ok", expected_refusal])
    assert Case.objects.get(pk=case.pk).state == State.ACCEPTED
    assert CaseEvent.objects.filter(case=case, action="accepted").count() == 1
