"""Shared plumbing of the case services: locking, scope checks, transitions, recipients. Events are
appended by the transition door or `portal.audit.record_event`."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cases import deadlines, selectors
from cases.models import Case, SupervisionNotice
from cases.models.records import SYSTEM_LABEL
from cases.services.records import track_deadline
from directory import roles
from notifications import services as notifications
from portal import workflow
from portal.errors import PermissionRefused

SYSTEM = SYSTEM_LABEL
FILER = "filer"


def require_text(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: message})
    return value


def lock_case(case_id) -> Case:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock_case must run inside transaction.atomic()")
    return Case.objects.select_for_update().get(pk=case_id)


def check_scope(actor, case: Case, permission: str) -> None:
    """The transition permission is checked by portal.workflow; this adds the department scope."""
    if not selectors.may_act(actor, case, permission):
        raise PermissionRefused()


def check_filer(case: Case, filer_user, *, access_proven: bool) -> None:
    """The filer is proven by being logged in as the case's filer, or by the caller having verified
    the case's access code (`access_proven`). A missing actor alone is never trusted."""
    if filer_user is not None:
        if case.filer_user_id != filer_user.pk:
            raise PermissionRefused(_("This case was not filed from your account."))
        return
    if not access_proven:
        raise PermissionRefused(_("Log in as the filer or enter the case's access code first."))


def transition(
    *, case_id, name: str, action: str, actor, expected_version: int | None, check_permission: bool = True,
    note: str = "", actor_label: str = "",
):
    """The case's transition `name` through the door (portal.workflow), as a `with` block: the
    service completes the case inside it (`step.obj`) and describes the event (`step.describe(
    public_note=..., data=...)`); leaving the block appends the case event `action`."""
    return workflow.transition(
        model=Case, pk=case_id, transition=name, action=action, actor=actor, expected_version=expected_version,
        check_permission=check_permission, note=note, actor_label=actor_label,
    )


def save(case: Case, *, check_unique: bool = True) -> Case:
    deadlines.refresh_current_deadline(case)
    adding = case._state.adding
    case.full_clean(exclude=["state"], validate_unique=check_unique)  # protected FSM field: set only by transitions
    case.save()
    track_deadline(case, new=adding)
    return case


def resolve_notices(case: Case, *deadline_names: str) -> None:
    """A deadline was met (or no longer applies): its supervision notices are resolved."""
    case.supervision_notices.filter(resolved_at__isnull=True, deadline__in=deadline_names).update(
        resolved_at=deadlines.now(),
    )


# --- Recipients -----------------------------------------------------------------------------------

def _users_with_role(role, **profile_filter):
    users = get_user_model().objects.filter(is_active=True, groups__name=role.group_name)
    if profile_filter:
        users = users.filter(**{f"staff_profile__{k}": v for k, v in profile_filter.items()})
    return list(users.select_related("staff_profile").distinct().order_by("pk"))


def department_heads(case: Case) -> list:
    if case.department_id is None:
        return []
    return _users_with_role(roles.DEPARTMENT_HEAD, department_id=case.department_id)


def department_heads_by_department(department_ids) -> dict[int, list]:
    """{department id: its heads} for several departments in one query."""
    heads: dict[int, list] = {}
    ids = [pk for pk in department_ids if pk is not None]
    for user in _users_with_role(roles.DEPARTMENT_HEAD, department_id__in=ids) if ids else []:
        heads.setdefault(user.staff_profile.department_id, []).append(user)
    return heads


def office_supervisors() -> list:
    return _users_with_role(roles.OFFICE_SUPERVISOR)


def office_intake() -> list:
    return _users_with_role(roles.OFFICE_INTAKE)


def handlers_to_tell(case: Case, *, heads: list | None = None) -> list:
    """The handler, or the department's heads while nobody is assigned (`heads`: already read,
    for a batch job)."""
    if case.handler_id:
        return [case.handler]
    return department_heads(case) if heads is None else heads


def notify_staff(case: Case, users, *, purpose: str, subject: str, body: str, sms: bool = False) -> None:
    notifications.enqueue_many(staff_messages(case, users, purpose=purpose, subject=subject, body=body, sms=sms))


def staff_messages(case: Case, users, *, purpose: str, subject: str, body: str, sms: bool = False) -> list[dict]:
    """The outbox messages telling staff about a case (one key per case and purpose), for
    `notify_staff` or for a batch job that stores many cases' messages at once."""
    return notifications.users_messages(users, subject=subject, body=body, sms=sms,
                                        dedupe_key=f"case:{case.pk}:{purpose}")


def notify_filer(case: Case, *, purpose: str, subject: str, body: str) -> None:
    notifications.notify_contact(
        email=case.filer_email, phone=case.filer_phone, subject=subject, body=body,
        dedupe_key=f"case:{case.pk}:filer:{purpose}", recipient_user=case.filer_user,
    )


def is_open_notice(case: Case, deadline: str) -> bool:
    return case.supervision_notices.filter(deadline=deadline, resolved_at__isnull=True,
                                           level=SupervisionNotice.Level.NOTICE).exists()
