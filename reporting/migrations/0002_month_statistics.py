"""Extended statistics on the month of every date the figures group by (reporting.figures.scope):
without them PostgreSQL guesses a million distinct months, plans the grouping by department and
month without parallel workers and took twice as long (docs/PERFORMANCE.md). PostgreSQL only."""

import re

from django.conf import settings
from django.db import migrations

MONTH_COLUMNS = (
    ("cases_case", "received_at"),
    ("cases_case", "accepted_at"),
    ("cases_caseevent", "created_at"),
    ("cases_decisionrecord", "decided_at"),
    ("cases_timelinessrecord", "met_at"),
    ("cases_supervisionnotice", "issued_at"),
)


def _zone() -> str:
    # The expression must be the one Django's TruncMonth writes, with the zone as a literal.
    if not re.fullmatch(r"[A-Za-z0-9_/+-]+", settings.TIME_ZONE):
        raise ValueError(f"unexpected TIME_ZONE {settings.TIME_ZONE!r}")
    return settings.TIME_ZONE


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, column in MONTH_COLUMNS:
        schema_editor.execute(
            f"CREATE STATISTICS IF NOT EXISTS reporting_{table}_{column}_month "
            f"ON (date_trunc('month', {column} AT TIME ZONE '{_zone()}')) FROM {table}"
        )
    for table in sorted({table for table, _column in MONTH_COLUMNS}):
        schema_editor.execute(f"ANALYZE {table}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, column in MONTH_COLUMNS:
        schema_editor.execute(f"DROP STATISTICS IF EXISTS reporting_{table}_{column}_month")


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0001_initial"),
        ("cases", "0009_merge_audit_event_shape"),
    ]

    operations = [migrations.RunPython(create, drop)]
