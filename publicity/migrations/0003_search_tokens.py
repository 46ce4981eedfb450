"""1- and 2-character terms (围标, 罚款) are the commonest Chinese searches, but the trigram index
needs 3+ characters. `search_tokens` holds each disclosure's distinct characters and character pairs
(publicity.search_index); on PostgreSQL a GIN index on its array form serves those terms. The index
is created here only on PostgreSQL (SQLite has no GIN), so it is not part of the model state."""

from django.db import migrations, models

from publicity.search_index import search_tokens

INDEX = "publicity_disclosure_search_tokens"
BATCH = 2000


def backfill(apps, schema_editor):
    Disclosure = apps.get_model("publicity", "Disclosure")
    rows = Disclosure.objects.using(schema_editor.connection.alias).values_list("pk", "search_text")
    with schema_editor.connection.cursor() as cursor:
        batch = []
        for pk, text in rows.iterator(chunk_size=BATCH):
            batch.append((search_tokens(text), pk))
            if len(batch) == BATCH:
                cursor.executemany("UPDATE publicity_disclosure SET search_tokens = %s WHERE id = %s", batch)
                batch = []
        if batch:
            cursor.executemany("UPDATE publicity_disclosure SET search_tokens = %s WHERE id = %s", batch)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON publicity_disclosure "
            "USING gin (string_to_array(search_tokens, ' '))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):

    dependencies = [("publicity", "0002_search_trigram_index")]

    operations = [
        migrations.AddField(
            model_name="disclosure",
            name="search_tokens",
            field=models.TextField(default="", editable=False),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.RunPython(create_index, drop_index),
    ]
