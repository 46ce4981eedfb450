"""Complainant registration, verification and login forms."""

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.selectors import contact_taken, is_mobile, normalize_phone, username_for
from accounts.verification import EMAIL, PHONE
from portal.public_forms import AccessibleForm


class RegistrationForm(AccessibleForm, forms.Form):
    full_name = forms.CharField(
        label=_("Real name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        help_text=_("Complaints must be filed under your real name."),
    )
    channel = forms.ChoiceField(
        label=_("Verify with"),
        widget=forms.RadioSelect,
        initial=PHONE,
        choices=[(PHONE, _("Mobile phone (SMS code)")), (EMAIL, _("E-mail (code by mail)"))],
    )
    phone = forms.CharField(
        label=_("Mobile number"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("E-mail"), required=False, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters, not only digits, not a common password."),
    )
    password2 = forms.CharField(
        label=_("Password again"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args, with_captcha: bool = True, **kwargs):
        super().__init__(*args, with_captcha=with_captcha, **kwargs)

    def clean(self):
        data = super().clean()
        channel = data.get("channel")
        if channel == PHONE:
            phone = normalize_phone(data.get("phone", ""))
            if not is_mobile(phone):
                self.add_error("phone", _("Enter an 11-digit mainland mobile number, e.g. 13812345678."))
            data["contact"] = phone
        elif channel == EMAIL:
            if not data.get("email") and "email" not in self.errors:
                self.add_error("email", _("Enter your e-mail address."))
            data["contact"] = (data.get("email") or "").lower()
        contact = data.get("contact")
        field = "phone" if channel == PHONE else "email"
        if contact and field not in self.errors and contact_taken(contact):
            self.add_error(
                field, _("An account with this e-mail address or phone number already exists. Please log in.")
            )
        _validate_new_password(self, data)
        return data


class VerificationForm(AccessibleForm, forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9]*"}),
        help_text=_("The six digits we sent you. The code is valid for 10 minutes."),
    )


class LoginForm(AccessibleForm, AuthenticationForm):
    """Log in with the username, the e-mail address or the mobile number of the account."""

    error_messages = {
        "invalid_login": _("The account or password is wrong. After 5 wrong tries the account is locked for an hour."),
        "inactive": _("This account is disabled."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("Mobile number, e-mail or user name")
        self.fields["username"].widget.attrs["autocomplete"] = "username"

    def clean(self):
        if self.cleaned_data.get("username"):
            self.cleaned_data["username"] = username_for(self.cleaned_data["username"])
        return super().clean()


def _validate_new_password(form, data) -> None:
    password1, password2 = data.get("password1"), data.get("password2")
    if password1 and password2 and password1 != password2:
        form.add_error("password2", _("The two passwords are different."))
    elif password1:
        try:
            password_validation.validate_password(password1)
        except ValidationError as error:
            form.add_error("password1", error)


class PasswordResetRequestForm(AccessibleForm, forms.Form):
    contact = forms.CharField(
        label=_("Mobile number or e-mail of your account"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, with_captcha=True, **kwargs)

    def clean_contact(self):
        value = self.cleaned_data["contact"].strip()
        if "@" in value:
            return value.lower()
        if not is_mobile(value):
            raise ValidationError(_("Enter the 11-digit mobile number or the e-mail address you registered with."))
        return normalize_phone(value)


class PasswordResetForm(AccessibleForm, forms.Form):
    code = VerificationForm.base_fields["code"]
    password1 = RegistrationForm.base_fields["password1"]
    password2 = RegistrationForm.base_fields["password2"]

    def clean(self):
        data = super().clean()
        _validate_new_password(self, data)
        return data
