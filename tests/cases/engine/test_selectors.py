"""Who sees which case, the back-office queues and the actions offered."""

import datetime as dt

import pytest
from django.http import Http404

from cases import selectors, services
from cases.models import State
from tests.factories.cases import CaseFactory, advance, at

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def cases(team):
    in_grid = advance(CaseFactory(), team, State.ASSIGNED, handler=team.grid_handler)  # grid ZJ-01
    no_grid = advance(CaseFactory(), team, State.ASSIGNED)  # 住建局, no grid, handler t_handler
    other = CaseFactory()
    services.accept(case_id=other.pk, actor=team.intake)
    services.assign(case_id=other.pk, actor=team.intake, department=team.other_department, handler=team.other_handler)
    unassigned = CaseFactory()
    return {"in_grid": in_grid, "no_grid": no_grid, "other": other, "unassigned": unassigned}


def visible(user):
    return set(selectors.visible_cases(user).values_list("pk", flat=True))


def test_visibility_by_role_department_and_grid(team, cases):
    every = {c.pk for c in cases.values()}
    assert visible(team.intake) == visible(team.supervisor) == visible(team.auditor) == every
    assert visible(team.head) == visible(team.handler) == {cases["in_grid"].pk, cases["no_grid"].pk}
    assert visible(team.grid_handler) == visible(team.grid_supervisor) == {cases["in_grid"].pk}
    assert visible(team.other_handler) == {cases["other"].pk}
    assert visible(team.citizen) == set()
    with pytest.raises(Http404):
        selectors.get_visible_case(team.other_handler, cases["in_grid"].pk)
    assert selectors.get_visible_case(team.head, cases["in_grid"].pk) == cases["in_grid"]


def test_queues(team, cases):
    assert set(selectors.queue(team.grid_handler, "mine")) == {cases["in_grid"]}
    assert set(selectors.queue(team.head, "department")) == {cases["in_grid"], cases["no_grid"]}
    assert set(selectors.queue(team.supervisor, "department")) == set(cases.values())
    assert not selectors.queue(team.supervisor, "overdue").exists()
    with pytest.raises(ValueError):
        selectors.queue(team.head, "bogus")


def test_due_soon_overdue_under_review_and_supervised(team):
    with at(D(2026, 3, 2)):
        case = advance(CaseFactory(), team, State.INVESTIGATING)  # decision due 2026-04-14
    with at(D(2026, 4, 10)):
        assert list(selectors.queue(team.handler, "due_soon")) == [case]
        assert not selectors.queue(team.handler, "overdue").exists()
    with at(D(2026, 4, 15)):
        assert list(selectors.queue(team.handler, "overdue")) == [case]
        services.issue_overdue_notices(D(2026, 4, 15))
        assert list(selectors.queue(team.supervisor, "supervised")) == [case]
        assert selectors.remaining_workdays(case)["decision"]["workdays_left"] == -1
    services.propose_decision(case_id=case.pk, actor=team.handler, outcome="unsubstantiated", measures=[],
                              decision_text="不属实")
    assert list(selectors.queue(team.head, "under_review")) == [case]


def test_available_actions_follow_state_role_and_separation_of_duties(team):
    case = CaseFactory()
    assert set(selectors.available_actions(team.intake, case)) >= {"request_supplement", "reject", "accept"}
    assert "accept" not in selectors.available_actions(team.head, case)
    case = advance(case, team, State.UNDER_REVIEW)
    assert "approve_decision" in selectors.available_actions(team.head, case)
    assert "approve_decision" not in selectors.available_actions(team.handler, case)  # the proposer
    assert "send_back" in selectors.available_actions(team.head, case)
    assert "issue_supervision_notice" in selectors.available_actions(team.supervisor, case)
    assert selectors.available_actions(team.other_handler, case) == []
    assert selectors.available_actions(team.auditor, case) == ["add_internal_note"]


def test_public_timeline_hides_internal_notes_and_staff(team):
    case = advance(CaseFactory(), team, State.INVESTIGATING)
    services.add_internal_note(case_id=case.pk, actor=team.handler, note="内部：与招标人电话沟通")
    timeline = selectors.public_timeline(case)
    assert "内部：与招标人电话沟通" not in str(timeline)
    assert "t_handler" not in str(timeline) and "承办人" not in str(timeline)
    assert [entry["state"] for entry in timeline] == ["submitted", "accepted", "assigned", "investigating"]
    staff_view = selectors.case_events(team.handler, case)
    assert staff_view.filter(action="internal_note").exists()
    assert not selectors.case_events(team.other_handler, case).exists()
