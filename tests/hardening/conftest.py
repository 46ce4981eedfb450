import pytest
from django.test import Client

from tests.factories.cases import make_team


@pytest.fixture
def team(roles):
    return make_team()


@pytest.fixture
def client_for(db):
    """A logged-in test client for a user."""

    def make(user):
        client = Client()
        client.force_login(user)
        return client

    return make
