"""Append-only tables: on PostgreSQL a trigger refuses UPDATE and DELETE (django-pgtrigger); on
SQLite the model refuses them in Python. Use `append_only_triggers()` in the model's Meta.triggers
and inherit `AppendOnlyModel`."""

import pgtrigger
from django.db import models


def append_only_triggers(name: str) -> list:
    return [
        pgtrigger.Protect(name=f"{name}_no_update", operation=pgtrigger.Update),
        pgtrigger.Protect(name=f"{name}_no_delete", operation=pgtrigger.Delete),
    ]


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("append-only table: rows cannot be updated")

    def delete(self):
        raise PermissionError("append-only table: rows cannot be deleted")


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise PermissionError("append-only table: rows cannot be updated")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("append-only table: rows cannot be deleted")
