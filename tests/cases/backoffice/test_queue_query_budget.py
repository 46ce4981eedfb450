"""Every staff work list costs the same small number of SQL statements at 5 and at 50 cases
(issue 14: no N+1; the count is capped, so a million cases cost no more statements either)."""

import datetime as dt

import pytest
from django.urls import reverse

from cases.models import Case, State
from portal.paginator import COUNT_CAP, CappedCountPaginator
from tests.factories.cases import CaseFactory, advance, at
from tests.query_budget import statements

pytestmark = pytest.mark.django_db

QUEUE_BUDGET = 15
FILED_ON = dt.date(2026, 1, 5)


def add_cases(team, count: int) -> None:
    with at(FILED_ON):
        for _ in range(count):
            advance(CaseFactory(), team, State.INVESTIGATING)


def queue_costs(team, client_for) -> dict[str, tuple[int, int]]:
    """Per queue: (statements, rows listed), each queue seen by the staff member who works from it."""
    due = Case.objects.values_list("current_due", flat=True).first()
    views = {
        "mine": (team.handler, FILED_ON),
        "department": (team.head, FILED_ON),
        "all": (team.supervisor, FILED_ON),
        "overdue": (team.supervisor, due + dt.timedelta(days=10)),
        "due_soon": (team.supervisor, due),
    }
    costs = {}
    for queue, (user, day) in views.items():
        client = client_for(user)
        url = reverse("cases_queue", args=[queue]) + "?per_page=100"
        with at(day):
            client.get(url)  # warm the session's per-user caches (Wagtail profile, permissions)
            with statements() as sql:
                response = client.get(url)
        assert response.status_code == 200
        costs[queue] = (len(sql), len(response.context["object_list"]))
    return costs


def test_each_queue_costs_the_same_statements_at_5_and_50_cases(team, client_for):
    add_cases(team, 5)
    small = queue_costs(team, client_for)
    add_cases(team, 45)
    large = queue_costs(team, client_for)

    assert {queue: rows for queue, (_, rows) in small.items()} == dict.fromkeys(small, 5)
    assert {queue: rows for queue, (_, rows) in large.items()} == dict.fromkeys(large, 50)
    assert {queue: count for queue, (count, _) in large.items()} == {
        queue: count for queue, (count, _) in small.items()
    }
    assert max(count for count, _ in large.values()) <= QUEUE_BUDGET, large


def test_a_long_list_says_more_than_the_cap_instead_of_counting_every_row(team, client_for):
    add_cases(team, 3)
    paginator = CappedCountPaginator(Case.objects.order_by("pk"), 2)
    paginator.count_cap = 2
    assert paginator.is_capped and paginator.count == 2 and paginator.num_pages == 1
    assert paginator.items_count_label == "案件超过 2 件"
    exact = CappedCountPaginator(Case.objects.order_by("pk"), 2)
    assert not exact.is_capped and exact.count == 3 and exact.num_pages == 2 and exact.count_cap == COUNT_CAP
    assert exact.items_count_label == "3 案件"
