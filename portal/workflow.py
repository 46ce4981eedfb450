"""The one way a workflow object changes state: lock the row, check the caller's view is current,
check the transition is possible and permitted, run it, bump the version and save. The calling
service then appends its audit event and queues side effects with transaction.on_commit.
Changes that are not transitions advance the version through `advance_version`, never by hand.

Models using this have an FSMField `state` (protected=True) and a PositiveIntegerField `version`.
"""

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django_fsm import can_proceed, has_transition_perm

from portal.errors import ActionNotAllowed, PermissionRefused, StaleObject


@dataclass
class TransitionResult:
    obj: Any
    from_state: str
    to_state: str


def apply_transition(
    *,
    model,
    pk,
    transition: str,
    actor,
    expected_version: int | None = None,
    check_permission: bool = True,
    arguments: dict | None = None,
) -> TransitionResult:
    """Must run inside transaction.atomic(); the row stays locked until the caller's commit."""
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
    return TransitionResult(obj=obj, from_state=from_state, to_state=obj.state)


def advance_version(obj, *, expected_version: int | None = None) -> None:
    """For a recorded change that is not a transition, on a row the caller has locked in its
    transaction: check the caller's view is current and advance the version (the caller saves)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("advance_version must run inside transaction.atomic()")
    if expected_version is not None and obj.version != expected_version:
        raise StaleObject()
    obj.version += 1
