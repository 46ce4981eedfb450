"""Domain errors raised by services. Views show `message` to the user (already translated) and
never turn these into a 500."""

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    default_message = _("This action cannot be completed.")

    def __init__(self, message=None, *, code: str = ""):
        self.message = message or self.default_message
        self.code = code
        super().__init__(str(self.message))


class ActionNotAllowed(DomainError):
    """The action is not possible in the object's current state."""

    default_message = _("This action is not possible in the current state.")


class PermissionRefused(DomainError):
    default_message = _("You do not have permission to do this.")


class StaleObject(DomainError):
    """Someone else changed the object since the user loaded it."""

    default_message = _("Someone else changed this record while you were working on it. Reload it and try again.")
