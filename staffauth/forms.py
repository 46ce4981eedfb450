from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.forms.auth import LoginForm

from staffauth.policy import TWO_FACTOR_GROUPS


class StaffLoginForm(LoginForm):
    """Wagtail's login form with labelled fields: its own leaves the password label to Django's
    untranslated field-name default ("Password" on the Chinese page)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("User name")
        self.fields["password"].label = _("Password")


class TokenForm(forms.Form):
    token = forms.CharField(
        label=pgettext_lazy("second factor", "Code"), max_length=16, strip=True,
        help_text=_("The 6-digit code from your authenticator app, or one of your backup codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}),
    )


class EnrolForm(forms.Form):
    token = forms.CharField(
        label=_("Code from the app"), max_length=8, strip=True,
        help_text=_("After scanning, enter the 6-digit code the app shows."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


class ResetForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Staff member"), queryset=get_user_model().objects.none())
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("How the loss was reported and how the member's identity was checked."))

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            get_user_model().objects.filter(is_active=True, groups__name__in=TWO_FACTOR_GROUPS)
            .exclude(pk=actor.pk).distinct().order_by("username")
        )
