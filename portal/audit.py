"""The audit door's tables.

Append-only tables: on PostgreSQL a trigger refuses UPDATE and DELETE (django-pgtrigger); on
SQLite the model refuses them in Python. Use `append_only_triggers()` in the model's Meta.triggers
and inherit `AppendOnlyModel`.

Audit events (the history of a case, a plan, a lead, an account...) all inherit `AuditEvent`: who,
when, what, from which state to which, a note, the client's address and the request id. They are
appended by `record_event` (or `build_event` for a bulk insert), which takes the address and the
request id from the running request (`portal.request_context`); the transition door
(`portal.workflow`) calls it for every transition.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from typing import ClassVar

import pgtrigger
from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal import clock, request_context


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


class AuditEvent(AppendOnlyModel):
    """One shape for every audit trail. A concrete table adds the foreign key to its subject, names
    it in `subject_field`, and sets `Meta.triggers = append_only_triggers(...)`."""

    subject_field: ClassVar[str] = ""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("actor")
    )
    # The services' clock: the same as timezone.now in production; demo data freezes it.
    created_at = models.DateTimeField(_("time"), default=clock.now, db_index=True)
    action = models.CharField(_("action"), max_length=40)
    from_state = models.CharField(_("from state"), max_length=30, blank=True)
    to_state = models.CharField(_("to state"), max_length=30, blank=True)
    note = models.TextField(_("note"), blank=True)
    client_address = models.GenericIPAddressField(_("client address"), null=True, blank=True)
    request_id = models.CharField(_("request ID"), max_length=64, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"

    def before_append(self) -> None:
        """A table fills its own columns from the common ones here (e.g. a display label)."""

    @classmethod
    def appended(cls) -> None:
        """After one or more events were written (record_event, append_events): a table tells
        what is derived from its subjects here (e.g. a cache generation)."""


@cache
def event_model_for(subject_model) -> type[AuditEvent]:
    """The audit table whose subject is `subject_model`."""
    for model in apps.get_models():
        if (
            issubclass(model, AuditEvent)
            and model.subject_field
            and model._meta.get_field(model.subject_field).related_model is subject_model
        ):
            return model
    raise LookupError(f"{subject_model._meta.label} has no audit event table")


def build_event(
    event_model: type[AuditEvent],
    *,
    action: str,
    actor=None,
    from_state: str = "",
    to_state: str = "",
    note: str = "",
    data: dict | None = None,
    **fields,
) -> AuditEvent:
    """An unsaved event carrying the request's client address and id (for `bulk_create`); `fields`
    name the subject (`case=…` or `case_id=…`) and fill the table's own columns."""
    context = request_context.current()
    data = dict(data or {})
    client = client_label()
    if client:  # the write came through the integration API: the event names the client
        data["api_client"] = client
    if actor is not None and not actor.is_authenticated:
        actor = None
    event = event_model(
        action=action,
        actor=actor,
        from_state=from_state or "",
        to_state=to_state or "",
        note=note or "",
        data=data,
        client_address=context.client_address,
        request_id=context.request_id,
        **fields,
    )
    event.before_append()
    return event


def record_event(
    subject,
    action: str,
    *,
    actor=None,
    from_state: str = "",
    to_state: str | None = None,
    note: str = "",
    data: dict | None = None,
    event_model: type[AuditEvent] | None = None,
    **fields,
) -> AuditEvent:
    """Append one event to `subject`'s audit trail: the one way to record something that is not a
    transition (a reveal, an export, a sign-in). `to_state` defaults to the subject's state.
    `event_model` is needed only when there is no subject (a failed sign-in)."""
    event_model = event_model or event_model_for(type(subject))
    if subject is not None:
        fields[event_model.subject_field] = subject
        if to_state is None:
            to_state = getattr(subject, "state", "")
    event = build_event(
        event_model,
        action=action,
        actor=actor,
        from_state=from_state,
        to_state=to_state or "",
        note=note,
        data=data,
        **fields,
    )
    event.save()
    event_model.appended()
    return event


def append_events(event_model: type[AuditEvent], events: list[AuditEvent]) -> list[AuditEvent]:
    """Write events made by `build_event` in one INSERT (a batch job's many subjects)."""
    saved = event_model.objects.bulk_create(events)
    if saved:
        event_model.appended()
    return saved


# --- Which integration client a write came through --------------------------------------------------
# The API sets this around each write so that audit events name the client, as a back-office action
# names its user (`build_event` adds it to the event's data).
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
