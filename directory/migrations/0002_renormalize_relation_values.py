from django.db import migrations

from directory.models.market import normalize_relation_value


def renormalize(apps, schema_editor):
    """Relation values compare in a new canonical form (NFKC, 86 prefixes, province/city
    prefixes); recompute the stored form, merging rows that now say the same thing."""
    EntityRelation = apps.get_model("directory", "EntityRelation")
    seen, duplicates, changed = set(), [], {}
    for pk, entity_id, kind, value, stored in EntityRelation.objects.order_by("pk").values_list(
        "pk", "entity_id", "kind", "value", "normalized_value"
    ):
        canonical = normalize_relation_value(kind, value)
        if (entity_id, kind, canonical) in seen:
            duplicates.append(pk)
            continue
        seen.add((entity_id, kind, canonical))
        if canonical != stored:
            changed[pk] = canonical
    EntityRelation.objects.filter(pk__in=duplicates).delete()
    # Two steps, so no row collides with another's old value on the unique constraint.
    for pk in changed:
        EntityRelation.objects.filter(pk=pk).update(normalized_value=f"#renormalising-{pk}")
    for pk, canonical in changed.items():
        EntityRelation.objects.filter(pk=pk).update(normalized_value=canonical)


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(renormalize, migrations.RunPython.noop)]
