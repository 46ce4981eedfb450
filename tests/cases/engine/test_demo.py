import io

import pytest

from cases import selectors
from cases.models import Case, CaseEvent, State, SupervisionNotice
from directory import demo as directory_demo
from directory.models import StaffProfile

pytestmark = pytest.mark.django_db


def test_demo_cases_cover_every_state_and_are_idempotent(roles):
    from cases import demo

    directory_demo.seed(io.StringIO())
    out = io.StringIO()
    demo.seed(out)
    cases = Case.objects.all()
    assert cases.count() == len(demo.PLAN) >= 95
    assert set(cases.values_list("state", flat=True)) == set(State.values)
    assert set(cases.values_list("kind", flat=True)) == {"complaint", "report", "suggestion"}
    assert SupervisionNotice.objects.filter(level="notice").exists()
    assert SupervisionNotice.objects.filter(level="escalation").exists()
    supervisor = StaffProfile.objects.get(user__username="supervisor").user
    handler = StaffProfile.objects.get(user__username="handler_zj").user
    assert selectors.queue(supervisor, "overdue").exists()
    assert selectors.queue(supervisor, "supervised").exists()
    assert selectors.queue(handler, "mine").exists()
    assert not selectors.visible_cases(handler).exclude(department__code="ZJ").exists()
    assert all("（" in title for title in cases.values_list("title", flat=True))
    events = CaseEvent.objects.count()
    demo.seed(io.StringIO())
    assert (Case.objects.count(), CaseEvent.objects.count()) == (cases.count(), events)
