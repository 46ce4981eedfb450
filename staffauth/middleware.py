"""Back-office session rules: the second factor before any back-office page, and sign-out after
a period without activity. Placed after django-otp's OTPMiddleware."""

import time

from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _

from staffauth import policy
from staffauth.models import AccountEvent
from staffauth.services import has_authenticator, record

LAST_SEEN_KEY = "staffauth_last_seen"
# The activity stamp is refreshed at most this often, so that not every request writes the session.
STAMP_INTERVAL_SECONDS = 60


class StaffSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and policy.is_back_office_user(user):
            expired = self._expire_idle(request)
            if expired is not None:
                return expired
        if user.is_authenticated and self._protected(request.path) and policy.requires_two_factor(user) \
                and not user.is_verified():
            step = "staffauth:verify" if has_authenticator(user) else "staffauth:enrol"
            return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def _protected(path: str) -> bool:
        return path.startswith(policy.PROTECTED_PREFIXES) and not path.startswith(policy.OPEN_PATHS)

    def _expire_idle(self, request):
        now = int(time.time())
        last_seen = request.session.get(LAST_SEEN_KEY)
        if last_seen is not None and now - last_seen > policy.idle_timeout_seconds():
            user = request.user
            record(action=AccountEvent.Action.IDLE_TIMEOUT, user=user, request=request)
            request._staffauth_idle_logout = True
            logout(request)
            messages.warning(request, _("You were signed out after a period of inactivity. Please sign in again."))
            if self._protected(request.path):
                return redirect(f"{reverse('wagtailadmin_login')}?{urlencode({'next': request.get_full_path()})}")
            return None
        if last_seen is None or now - last_seen >= STAMP_INTERVAL_SECONDS:
            request.session[LAST_SEEN_KEY] = now
        return None


def safe_next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return default
