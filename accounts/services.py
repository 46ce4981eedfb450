"""Writes on complainant accounts. Accounts themselves are created through the one door for user
accounts, `directory.services.create_account`."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.selectors import contact_taken
from directory.roles import COMPLAINANT
from directory.services import create_account


@transaction.atomic
def register_complainant(*, contact: str, full_name: str, password_hash: str):
    """Create a complainant account for a verified contact (e-mail address or mobile number).

    `password_hash` is already hashed (make_password): the plain password never waits in a session.
    """
    if contact_taken(contact):
        raise ValidationError(
            _("An account with this e-mail address or phone number already exists. Please log in."), code="taken"
        )
    email = contact.lower() if "@" in contact else ""
    return create_account(
        username=email or contact, full_name=full_name, email=email, password_hash=password_hash, roles=[COMPLAINANT]
    )


@transaction.atomic
def reset_password(*, user, password: str) -> None:
    """Set a new password for an account whose contact was just verified."""
    user.set_password(password)
    user.save(update_fields=["password"])
