"""Outbox permissions per role (gathered by `sync_roles`): the office sees the outbox, its
supervisor may change (retry) messages."""

from directory import roles

_VIEW = ["notifications.view_notification"]

PERMISSIONS = {
    roles.OFFICE_INTAKE.code: _VIEW,
    roles.OFFICE_SUPERVISOR.code: [*_VIEW, "notifications.change_notification"],
    roles.AUDITOR.code: _VIEW,
}
