"""The one way a workflow object changes state: lock the row, check the caller's view is current,
check the transition is possible and permitted, run it, bump the version, save, and append the
audit event (portal.audit) — the door does all of it, so no service can forget the event.

    with transition(model=Case, pk=pk, transition="accept", actor=user, action="accepted") as step:
        ...complete step.obj and save it...
        step.describe(note=..., data=..., public_note=...)   # the event's details, if any
    # leaving the block appended the event (step.event)

`apply_transition(...)` is the same for a caller with nothing to do inside the block. Changes that
are not transitions advance the version through `advance_version`, never by hand, and record their
event with `portal.audit.record_event`.

Models using this have an FSMField `state` (protected=True), a PositiveIntegerField `version` and
an audit table (`portal.audit.AuditEvent` whose subject is the model).
"""

from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django_fsm import can_proceed, has_transition_perm

from portal.audit import AuditEvent, record_event
from portal.errors import ActionNotAllowed, PermissionRefused, StaleObject


@dataclass
class TransitionResult:
    obj: Any
    from_state: str
    action: str
    actor: Any = None
    note: str = ""
    data: dict = field(default_factory=dict)
    # Columns of the concrete audit table (e.g. a case event's public note).
    details: dict = field(default_factory=dict)
    event: AuditEvent | None = None

    @property
    def to_state(self) -> str:
        return self.obj.state

    def describe(self, *, note: str | None = None, data: dict | None = None, **details) -> None:
        """Say what the event records beyond the transition itself."""
        if note is not None:
            self.note = note
        if data is not None:
            self.data = {**self.data, **data}
        self.details.update(details)


@contextmanager
def transition(
    *,
    model,
    pk,
    transition: str,
    actor,
    action: str = "",
    expected_version: int | None = None,
    check_permission: bool = True,
    arguments: dict | None = None,
    note: str = "",
    data: dict | None = None,
    **details,
):
    """Must run inside transaction.atomic(); the row stays locked until the caller's commit. The
    event's action is `action` (default: the transition's name); `details` fill the audit table's
    own columns. If the block raises, no event is appended (and the caller's transaction rolls back)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("apply_transition must run inside transaction.atomic()")
    obj = model.objects.select_for_update().get(pk=pk)
    if expected_version is not None and obj.version != expected_version:
        raise StaleObject()
    method = getattr(obj, transition)
    if not can_proceed(method):
        raise ActionNotAllowed()
    if check_permission and (actor is None or not has_transition_perm(method, actor)):
        raise PermissionRefused()
    from_state = obj.state
    method(**(arguments or {}))
    obj.version += 1
    # The protected FSM field refuses the re-assignment clean_fields() does; the transition set it.
    obj.full_clean(exclude=["state"])
    obj.save()
    step = TransitionResult(
        obj=obj,
        from_state=from_state,
        action=action or transition,
        actor=actor,
        note=note,
        data=dict(data or {}),
        details=details,
    )
    yield step
    step.event = record_event(
        obj,
        step.action,
        actor=step.actor,
        from_state=step.from_state,
        to_state=obj.state,
        note=step.note,
        data=step.data,
        **step.details,
    )


def apply_transition(**kwargs) -> TransitionResult:
    """`transition` for a caller that has nothing to add between the transition and its event."""
    with transition(**kwargs) as step:
        pass
    return step


def advance_version(obj, *, expected_version: int | None = None) -> None:
    """For a recorded change that is not a transition, on a row the caller has locked in its
    transaction: check the caller's view is current and advance the version (the caller saves and
    records the event with portal.audit.record_event)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("advance_version must run inside transaction.atomic()")
    if expected_version is not None and obj.version != expected_version:
        raise StaleObject()
    obj.version += 1
