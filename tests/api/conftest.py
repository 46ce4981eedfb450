import pytest
from rest_framework.test import APIClient

from api.models import Scope
from tests.factories.api import make_client
from tests.factories.cases import make_team


@pytest.fixture
def team(roles):
    return make_team()


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def platform(team):
    """A trading platform that files cases: (client, token)."""
    return make_client(department=team.office, scopes=[Scope.FILE_CASES], name="市公共资源交易平台")


@pytest.fixture
def department_client(team):
    """住建局's case system, acting as its handler."""
    return make_client(department=team.department, acts_as=team.handler, name="住建局业务系统",
                       scopes=[Scope.READ_CASES, Scope.ACT_ON_CASES])


@pytest.fixture
def other_department_client(team):
    return make_client(department=team.other_department, acts_as=team.other_handler, name="交通局业务系统",
                       scopes=[Scope.READ_CASES, Scope.ACT_ON_CASES])
