"""On PostgreSQL: decision documents approved at the same moment in one department get distinct,
consecutive numbers (the counter row is locked; the first allocation of a year races safely)."""

import threading

import pytest
from django.db import connections

from cases import selectors, services
from cases.models import State
from tests.conftest import requires_postgres
from tests.factories.cases import case_in_state, make_team

pytestmark = [requires_postgres(), pytest.mark.postgres]


@pytest.mark.django_db(transaction=True)
def test_concurrent_approvals_get_consecutive_numbers():
    from directory.roles import sync_roles

    sync_roles()
    team = make_team()
    cases = [case_in_state(team, State.UNDER_REVIEW) for _ in range(3)]
    approvers = [team.head, team.deputy_head, team.head]
    barrier = threading.Barrier(len(cases))
    failures = []

    def approve(case, approver):
        try:
            barrier.wait(timeout=10)
            services.approve_decision(case_id=case.pk, actor=approver)
        except Exception as error:  # noqa: BLE001 - reported below
            failures.append(error)
        finally:
            connections.close_all()  # each thread has its own connection

    threads = [threading.Thread(target=approve, args=pair) for pair in zip(cases, approvers, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert failures == []
    sequences = sorted(selectors.issued_document(case).sequence for case in cases)
    assert sequences == [1, 2, 3]
    assert len({selectors.issued_document(case).number for case in cases}) == 3
