"""Chinese substring search at a million rows: a pg_trgm GIN index on UPPER(search_text), the
expression Django's `icontains` uses on PostgreSQL. Nothing to do on SQLite (LIKE scan)."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEX = "publicity_disclosure_search_trgm"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON publicity_disclosure "
            "USING gin (UPPER(search_text) gin_trgm_ops)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):

    dependencies = [("publicity", "0001_initial")]

    operations = [
        # TrigramExtension does nothing on other databases.
        TrigramExtension(),
        migrations.RunPython(create_index, drop_index),
    ]
