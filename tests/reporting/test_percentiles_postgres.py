"""The median and 90th percentile come from a histogram on both databases; on PostgreSQL they must
equal the database's own percentile_cont over the same values (it computed them until the
histogram replaced it for speed)."""

import random

import pytest
from django.db import connection

from reporting.figures.percentiles import percentile_from_histogram
from tests.conftest import requires_postgres

pytestmark = [pytest.mark.django_db, requires_postgres()]


@pytest.mark.parametrize("seed", range(6))
def test_histogram_percentiles_equal_postgresql_percentile_cont(seed):
    generator = random.Random(seed)
    values = [generator.choice([0, 1, 5, 14, 15, 30, 31, 60]) + generator.randrange(3) for _ in range(generator.randrange(1, 400))]
    histogram = {}
    for value in values:
        histogram[value] = histogram.get(value, 0) + 1
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY v), percentile_cont(0.9) WITHIN GROUP (ORDER BY v) "
            "FROM unnest(%s::int[]) AS v",
            [values],
        )
        median, p90 = cursor.fetchone()
    assert percentile_from_histogram(histogram.items(), 0.5) == round(float(median), 4)
    assert percentile_from_histogram(histogram.items(), 0.9) == round(float(p90), 4)
