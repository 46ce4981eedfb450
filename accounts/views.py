"""Complainant registration with a verified e-mail address or mobile number, login, logout and
password reset."""

from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from accounts import hooks, verification
from accounts.forms import LoginForm, PasswordResetForm, PasswordResetRequestForm, RegistrationForm, VerificationForm
from accounts.selectors import account_for_contact
from accounts.services import register_complainant, reset_password
from accounts.verification import EMAIL, PHONE
from portal import throttle

# Session keys keep the names they had in `cases`, so a registration under way survives an upgrade.
PENDING_KEY = "cases_pending_registration"
PURPOSE = "register"
# group: rate, counted on POST only.
RATES = {
    "register": "10/h",  # registration and password-reset attempts (each sends a code) from one IP
    "verify": "20/h",  # code checks from one IP
}


def _limited(request, group: str) -> bool:
    return throttle.hit(request, f"accounts.{group}", RATES[group])


def _safe_next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return ""


@never_cache
@sensitive_post_parameters("password1", "password2")
def register(request):
    if request.user.is_authenticated:
        return redirect(hooks.home_url())
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _limited(request, "register"):
            return throttle.too_many_requests(request)
        data = form.cleaned_data
        try:
            verification.send_code(purpose=PURPOSE, channel=data["channel"], address=data["contact"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            request.session[PENDING_KEY] = {
                "contact": data["contact"],
                "channel": data["channel"],
                "full_name": data["full_name"],
                "password_hash": make_password(data["password1"]),
                "next": _safe_next(request),
            }
            return redirect("accounts:register_verify")
    return render(request, "accounts/register.html", {"form": form, "next": _safe_next(request)})


@never_cache
def register_verify(request):
    pending = request.session.get(PENDING_KEY)
    if not pending:
        messages.info(request, _("Please fill in the registration form first."))
        return redirect("accounts:register")
    form = VerificationForm(request.POST or None)
    if request.method == "POST" and "resend" in request.POST:
        form = VerificationForm()
        try:
            verification.send_code(purpose=PURPOSE, channel=pending["channel"], address=pending["contact"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("A new code has been sent."))
    elif request.method == "POST" and form.is_valid():
        if _limited(request, "verify"):
            return throttle.too_many_requests(request)
        try:
            verification.check_code(purpose=PURPOSE, address=pending["contact"], code=form.cleaned_data["code"])
            user = register_complainant(
                contact=pending["contact"], full_name=pending["full_name"], password_hash=pending["password_hash"]
            )
        except ValidationError as error:
            form.add_error("code" if error.code in ("wrong_code", "expired", "too_many_attempts") else None, error)
        else:
            del request.session[PENDING_KEY]
            auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Your account is ready. You can now file complaints and follow them here."))
            return redirect(pending.get("next") or hooks.home_url())
    return render(
        request,
        "accounts/register_verify.html",
        {
            "form": form,
            "masked_contact": mask_contact(pending["contact"]),
        },
    )


def mask_contact(contact: str) -> str:
    """138****5678 or z***@example.cn: enough to recognise, not enough to harvest."""
    if "@" in contact:
        local, domain = contact.split("@", 1)
        return f"{local[:1]}***@{domain}"
    return f"{contact[:3]}****{contact[-4:]}"


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return hooks.home_url()


class LogoutView(auth_views.LogoutView):
    def get_default_redirect_url(self):
        return hooks.logged_out_url()


RESET_KEY = "cases_pending_reset"
RESET_PURPOSE = "password_reset"


@never_cache
def password_reset(request):
    """Ask for a code. The answer is the same whether or not an account exists for the contact."""
    form = PasswordResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _limited(request, "register"):
            return throttle.too_many_requests(request)
        contact = form.cleaned_data["contact"]
        if account_for_contact(contact) is not None:
            try:
                verification.send_code(
                    purpose=RESET_PURPOSE, channel=EMAIL if "@" in contact else PHONE, address=contact
                )
            except ValidationError as error:
                form.add_error(None, error)
        if not form.errors:
            request.session[RESET_KEY] = {"contact": contact}
            return redirect("accounts:password_reset_verify")
    return render(request, "accounts/password_reset.html", {"form": form})


@never_cache
@sensitive_post_parameters("password1", "password2")
def password_reset_verify(request):
    pending = request.session.get(RESET_KEY)
    if not pending:
        return redirect("accounts:password_reset")
    form = PasswordResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _limited(request, "verify"):
            return throttle.too_many_requests(request)
        user = account_for_contact(pending["contact"])
        try:
            verification.check_code(purpose=RESET_PURPOSE, address=pending["contact"], code=form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error("code", error)
        else:
            if user is not None:
                reset_password(user=user, password=form.cleaned_data["password1"])
            del request.session[RESET_KEY]
            messages.success(request, _("Your password has been changed. Please log in with the new password."))
            return redirect("accounts:login")
    return render(
        request,
        "accounts/password_reset_verify.html",
        {
            "form": form,
            "masked_contact": mask_contact(pending["contact"]),
        },
    )
