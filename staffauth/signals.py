"""Django's sign-in signals feed the account audit trail (the only hook Django offers for them)."""

from django.contrib.auth import signals
from django.dispatch import receiver

from staffauth.models import AccountEvent
from staffauth.services import record


@receiver(signals.user_logged_in, dispatch_uid="staffauth_login")
def _logged_in(sender, request, user, **kwargs):
    record(action=AccountEvent.Action.LOGIN, user=user, request=request)


@receiver(signals.user_logged_out, dispatch_uid="staffauth_logout")
def _logged_out(sender, request, user, **kwargs):
    if user is not None and not getattr(request, "_staffauth_idle_logout", False):
        record(action=AccountEvent.Action.LOGOUT, user=user, request=request)


@receiver(signals.user_login_failed, dispatch_uid="staffauth_login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    record(action=AccountEvent.Action.LOGIN_FAILED, username=str(credentials.get("username", ""))[:150], request=request)
