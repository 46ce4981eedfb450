"""Item 12: on PostgreSQL, many threads filing cases and racing conflicting transitions on the same
cases lose nothing and duplicate nothing: numbers are gap-free and unique, each case takes exactly
one of the competing transitions, and every change has exactly one audit event."""

import random
import threading
from collections import Counter

import pytest
from django.db import connections

from cases import services
from cases.models import Case, CaseEvent, Kind, State
from portal.errors import ActionNotAllowed, StaleObject
from tests.conftest import requires_postgres
from tests.factories.cases import CaseFactory, make_team
from tests.factories.directory import TradingProjectFactory

pytestmark = [requires_postgres(), pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 8
FILINGS_PER_THREAD = 6
CONTESTED_CASES = 12


def run_threads(work):
    barrier = threading.Barrier(THREADS)
    errors = []

    def runner(index):
        try:
            barrier.wait(timeout=30)
            work(index)
        except Exception as error:  # anything unexpected fails the test below
            errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=runner, args=(index,)) for index in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not any(thread.is_alive() for thread in threads)
    return errors


def test_concurrent_filings_and_conflicting_transitions_lose_and_duplicate_nothing():
    from directory.roles import sync_roles

    sync_roles()
    team = make_team()
    project = TradingProjectFactory()
    contested = [CaseFactory(project=project) for _ in range(CONTESTED_CASES)]
    outcomes = Counter()
    lock = threading.Lock()

    def competing_decision(case_id, rng):
        choice = rng.choice(["accept", "reject", "supplement"])
        if choice == "accept":
            services.accept(case_id=case_id, actor=team.intake, note="受理")
        elif choice == "reject":
            services.reject(case_id=case_id, actor=team.intake, reason="not_specific", text="投诉事项不具体。")
        else:
            services.request_supplement(case_id=case_id, actor=team.intake, request_text="请补充材料。")
        return choice

    def work(index):
        rng = random.Random(index)
        for number in range(FILINGS_PER_THREAD):
            CaseFactory(project=project, title=f"并发投诉{index}-{number}")
            case = contested[rng.randrange(len(contested))]
            for target in rng.sample(contested, 3) + [case]:
                try:
                    choice = competing_decision(target.pk, rng)
                    with lock:
                        outcomes[(target.pk, choice)] += 1
                except (ActionNotAllowed, StaleObject):
                    with lock:
                        outcomes[(target.pk, "refused")] += 1

    errors = run_threads(work)
    assert errors == []

    filed = Case.objects.filter(title__startswith="并发投诉")
    assert filed.count() == THREADS * FILINGS_PER_THREAD
    numbers = list(Case.objects.filter(kind=Kind.COMPLAINT).values_list("number", flat=True))
    assert len(numbers) == len(set(numbers)) == CONTESTED_CASES + THREADS * FILINGS_PER_THREAD
    sequence = sorted(int(number[-6:]) for number in numbers)
    assert sequence == list(range(sequence[0], sequence[0] + len(sequence)))  # no gaps, no repeats
    assert CaseEvent.objects.filter(action="submitted").count() == len(numbers)

    for case in contested:
        current = Case.objects.get(pk=case.pk)
        wins = [choice for (pk, choice), count in outcomes.items() if pk == case.pk and choice != "refused"
                for _ in range(count)]
        events = list(CaseEvent.objects.filter(case=current, from_state=State.SUBMITTED).exclude(
            action="submitted").values_list("to_state", flat=True))
        if wins:
            assert len(wins) == 1, (case.number, wins)
            assert events == [current.state]
            assert current.state in (State.ACCEPTED, State.REJECTED, State.NEEDS_SUPPLEMENT)
            assert current.version == case.version + 1
        else:
            assert events == [] and current.state == State.SUBMITTED
