"""Pieces shared by the back-office case views."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from cases.models import Case

# Labels for audit-trail actions (services record their own names; transitions and events).
EVENT_LABELS = {
    "submitted": _("Filed"),
    "opened": _("Opened by staff"),
    "imported": _("Imported from historical records"),
    "supplement_requested": _("Supplement requested"),
    "supplemented": _("Supplement received"),
    "rejected": _("Not accepted"),
    "accepted": _("Accepted"),
    "assigned": _("Referred to a department"),
    "returned": _("Returned to the office"),
    "started": _("Handling started"),
    "suspended": _("Suspended"),
    "resumed": _("Resumed"),
    "decision_proposed": _("Decision proposed"),
    "decision_approved": _("Decision approved"),
    "sent_back": _("Decision sent back"),
    "replied": _("Feedback given to the filer"),
    "rated": _("Satisfaction rated"),
    "closed": _("Closed"),
    "withdrawal_requested": _("Withdrawal requested"),
    "withdrawal_approved": _("Withdrawal allowed"),
    "withdrawal_refused": _("Withdrawal refused"),
    "transferred": _("Transferred to another authority"),
    "extension_requested": _("Extension requested"),
    "extension_approved": _("Extension approved"),
    "extension_refused": _("Extension refused"),
    "supervision_notice": _("Supervision notice"),
    "escalated": _("Escalated to the commission"),
    "identity_revealed": _("Filer's identity revealed"),
    "internal_note": _("Internal note"),
    "decision_served": _("Decision document served"),
    "due_date_recomputed": _("Due date recomputed with the holiday schedule"),
}


# Who acted when no staff member did (cases.services._base.SYSTEM and FILER).
ACTOR_LABELS = {"system": _("System"), "filer": _("Filer")}


def actor_label(label: str) -> str:
    return str(ACTOR_LABELS.get(label, label))


def event_label(action: str) -> str:
    return EVENT_LABELS.get(action, action.replace("_", " "))


def require_case_staff(user):
    """The case back office is for users holding any case permission (not complainants)."""
    if not (user.is_active and user.has_module_perms(Case._meta.app_label)):
        raise PermissionDenied
