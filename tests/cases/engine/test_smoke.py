import pytest

from cases.models import State
from tests.factories.cases import CaseFactory, advance

pytestmark = pytest.mark.django_db


def test_case_walks_to_closed(team):
    case = CaseFactory()
    case = advance(case, team, State.CLOSED)
    assert case.state == State.CLOSED
