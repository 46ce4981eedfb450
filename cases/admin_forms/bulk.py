"""The office's bulk referral form on its intake queues."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cases import selectors
from cases.models import Case


class BulkReferralForm(forms.Form):
    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=selectors.referral_departments(),
        empty_label=_("Choose a department"),
        widget=forms.Select(attrs={"aria-label": _("Department")}),
    )
    cases = forms.ModelMultipleChoiceField(
        label=_("Cases"),
        queryset=Case.objects.none(),
        error_messages={"required": _("Select the cases to refer.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = selectors.referral_departments()
        self.fields["cases"].queryset = selectors.visible_cases(user)
