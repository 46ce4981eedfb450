"""Writes for staff sign-in: the account audit trail, authenticator enrolment, backup codes,
second-factor checks and the office's reset. Every change to a second factor is audited here."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.audit import record_event
from portal.errors import PermissionRefused
from staffauth.models import AccountEvent
from staffauth.policy import requires_two_factor

BACKUP_CODE_COUNT = 10
AUTHENTICATOR_NAME = "authenticator"
BACKUP_DEVICE_NAME = "backup"


def record(*, action: str, user=None, username: str = "", actor=None, request=None, note: str = "") -> AccountEvent:
    """Appends one account event through the audit door (which adds the client address and request
    id); the request gives the browser."""
    return record_event(
        user if user is not None and user.pk else None, action, event_model=AccountEvent,
        actor=actor if actor is not None and getattr(actor, "pk", None) else None, note=note,
        username=(username or getattr(user, "username", "") or "")[:150],
        user_agent=(request.META.get("HTTP_USER_AGENT", "") if request is not None else "")[:300],
    )


def has_authenticator(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


@transaction.atomic
def start_enrolment(*, user) -> TOTPDevice:
    """An unconfirmed authenticator whose key the user scans; it counts only once confirmed."""
    if has_authenticator(user):
        raise PermissionRefused(_("An authenticator app is already set up for this account."))
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
        device.full_clean()
        device.save()
    return device


def confirm_enrolment(*, request, user, token: str) -> list[str]:
    """Confirms the pending authenticator with a code from it, verifies this session, issues
    backup codes (returned once, to be shown once) and audits both. A wrong code is audited too."""
    try:
        return _confirm_enrolment(request=request, user=user, token=token)
    except ValidationError:
        record(action=AccountEvent.Action.OTP_FAILED, user=user, request=request, note="enrolment")
        raise


@transaction.atomic
def _confirm_enrolment(*, request, user, token: str) -> list[str]:
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
    if device is None:
        raise PermissionRefused(_("Start the set-up again: no authenticator is waiting for confirmation."))
    if not device.verify_token(_digits(token)):
        raise ValidationError({"token": _("The code does not match. Check the time on your phone and enter the current code.")})
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    record(action=AccountEvent.Action.DEVICE_ENROLLED, user=user, request=request)
    otp_login(request, device)
    return issue_backup_codes(request=request, user=user)


@transaction.atomic
def issue_backup_codes(*, request, user) -> list[str]:
    """Replaces the user's backup codes with new single-use ones."""
    device, _created = StaticDevice.objects.get_or_create(user=user, name=BACKUP_DEVICE_NAME, defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    record(action=AccountEvent.Action.BACKUP_CODES_ISSUED, user=user, request=request,
           note=_("%(count)s new backup codes; earlier ones no longer work.") % {"count": BACKUP_CODE_COUNT})
    return codes


def verify_second_factor(*, request, user, token: str):
    """Accepts a code from the authenticator or one unused backup code and verifies the session.
    django-otp throttles repeated failures per device."""
    token = (token or "").strip().replace(" ", "").lower()
    for device in _confirmed_devices(user):
        candidate = _digits(token) if isinstance(device, TOTPDevice) else token
        with transaction.atomic():
            if device.verify_token(candidate):
                otp_login(request, device)
                record(action=AccountEvent.Action.OTP_VERIFIED, user=user, request=request,
                       note="backup code" if isinstance(device, StaticDevice) else "")
                return device
    record(action=AccountEvent.Action.OTP_FAILED, user=user, request=request)
    raise ValidationError({"token": _("The code is not valid. Enter the current code from your authenticator app or an unused backup code.")})


@transaction.atomic
def reset_devices(*, actor, user, reason: str, request=None) -> None:
    """The office's recovery path for a lost phone: removes the staff member's authenticator and
    backup codes; at the next sign-in the member enrols again."""
    if not actor.has_perm("staffauth.reset_two_factor"):
        raise PermissionRefused(_("You may not reset second factors."))
    if actor.pk == user.pk:
        raise PermissionRefused(_("Nobody may reset their own second factor; ask another office member."))
    if not requires_two_factor(user):
        raise PermissionRefused(_("This account does not use a second factor."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the reset (for example how the loss was reported).")})
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    record(action=AccountEvent.Action.DEVICES_RESET, user=user, actor=actor, request=request, note=reason.strip())


def _confirmed_devices(user) -> list:
    return [*TOTPDevice.objects.filter(user=user, confirmed=True), *StaticDevice.objects.filter(user=user, confirmed=True)]


def _digits(token: str) -> str:
    return "".join(ch for ch in (token or "") if ch.isdigit())
