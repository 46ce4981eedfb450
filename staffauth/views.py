"""The second step of signing in, enrolment of an authenticator app, new backup codes, and the
office's reset. Thin: the rules live in staffauth.policy and the writes in staffauth.services."""

import base64

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from portal.admin_views import add_service_errors
from portal.errors import DomainError
from staffauth import services
from staffauth.forms import EnrolForm, ResetForm, TokenForm
from staffauth.middleware import safe_next
from staffauth.policy import requires_two_factor

CODES_SESSION_KEY = "staffauth_new_backup_codes"


def _qr_data_uri(text: str) -> str:
    # An <img> with a data: URI: inline SVG markup would need style exceptions in the CSP.
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return "data:image/svg+xml;base64," + base64.b64encode(image.to_string()).decode("ascii")


@never_cache
@login_required(login_url="wagtailadmin_login")
@require_http_methods(["GET", "POST"])
def verify(request):
    user = request.user
    if not services.has_authenticator(user):
        return redirect(f"{reverse('staffauth:enrol')}?{urlencode({'next': safe_next(request, '')})}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.verify_second_factor(request=request, user=user, token=form.cleaned_data["token"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect(safe_next(request, reverse("wagtailadmin_home")))
    return render(request, "staffauth/verify.html", {"form": form, "next": safe_next(request, "")})


@never_cache
@login_required(login_url="wagtailadmin_login")
@require_http_methods(["GET", "POST"])
def enrol(request):
    user = request.user
    if services.has_authenticator(user):
        return redirect("staffauth:verify")
    device = services.start_enrolment(user=user)
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.confirm_enrolment(request=request, user=user, token=form.cleaned_data["token"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        except DomainError as exc:
            form.add_error(None, str(exc.message))
        else:
            request.session[CODES_SESSION_KEY] = codes
            messages.success(request, _("Your authenticator app is set up."))
            return redirect(f"{reverse('staffauth:codes')}?{urlencode({'next': safe_next(request, '')})}")
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return render(request, "staffauth/enrol.html", {
        "form": form, "qr": _qr_data_uri(device.config_url), "secret": secret, "next": safe_next(request, ""),
        "required": requires_two_factor(user),
    })


@never_cache
@login_required(login_url="wagtailadmin_login")
@require_http_methods(["GET", "POST"])
def codes(request):
    """Shows backup codes once: right after enrolment, or after asking for new ones."""
    user = request.user
    if request.method == "POST":
        if not user.is_verified():
            raise PermissionDenied
        request.session[CODES_SESSION_KEY] = services.issue_backup_codes(request=request, user=user)
        return redirect("staffauth:codes")
    new_codes = request.session.pop(CODES_SESSION_KEY, None)
    return render(request, "staffauth/codes.html", {
        "codes": new_codes, "next": safe_next(request, reverse("wagtailadmin_home")),
        "can_issue": user.is_verified() and services.has_authenticator(user),
    })


@never_cache
@require_http_methods(["GET", "POST"])
def reset(request):
    """Office: removes a staff member's second factor (lost phone); audited with the reason."""
    if not request.user.has_perm("staffauth.reset_two_factor"):
        raise PermissionDenied
    form = ResetForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        member = form.cleaned_data["user"]
        try:
            services.reset_devices(actor=request.user, user=member, reason=form.cleaned_data["reason"], request=request)
        except ValidationError as exc:
            add_service_errors(form, exc)
        except DomainError as exc:
            form.add_error(None, str(exc.message))
        else:
            messages.success(request, _("The second factor of %(name)s was reset. They set up a new one at their next sign-in.")
                             % {"name": member.get_username()})
            return redirect("staffauth_reset")
    return render(request, "staffauth/reset.html", {"form": form})
