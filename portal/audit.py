"""Append-only tables: on PostgreSQL a trigger refuses UPDATE and DELETE (django-pgtrigger); on
SQLite the model refuses them in Python. Use `append_only_triggers()` in the model's Meta.triggers
and inherit `AppendOnlyModel`."""

from contextlib import contextmanager
from contextvars import ContextVar

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


# --- Which integration client a write came through --------------------------------------------------
# The API sets this around each write so that the audit events the services append name the client,
# as a back-office action names its user. Services read it with `client_label()`.
_client_label: ContextVar[str] = ContextVar("audit_client_label", default="")


@contextmanager
def acting_through_client(label: str):
    token = _client_label.set(label)
    try:
        yield
    finally:
        _client_label.reset(token)


def client_label() -> str:
    return _client_label.get()
