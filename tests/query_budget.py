"""Counting the SQL statements of one request, for the query-budget tests (issue 14)."""

from contextlib import contextmanager

from django.db import connection
from django.test.utils import CaptureQueriesContext

# A test runs inside a transaction, so the service's outermost atomic block and the session save
# become savepoints that production does not issue: they are not counted.
TEST_ONLY = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")


class Statements(list):
    pass


@contextmanager
def statements():
    """with statements() as sql: … then sql is the list of statements run (savepoints left out)."""
    found = Statements()
    with CaptureQueriesContext(connection) as captured:
        yield found
    found.extend(query["sql"] for query in captured.captured_queries if not query["sql"].startswith(TEST_ONLY))
