"""What a filer can do on their own case: supplement, ask to withdraw, rate the feedback."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cases.public.forms.fields import MultipleFileField
from portal.public_forms import AccessibleForm


class SupplementForm(AccessibleForm, forms.Form):
    text = forms.CharField(label=_("Your supplement"), widget=forms.Textarea(attrs={"rows": 6}),
                           help_text=_("Answer each point the office asked for."))
    attachments = MultipleFileField(
        label=_("Supplementary evidence"),
        help_text=_("Up to 10 files of at most 20 MB each. If the form shows an error, choose the files again."),
    )


class WithdrawalForm(AccessibleForm, forms.Form):
    reason = forms.CharField(
        label=_("Reason for withdrawing"), widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The department decides on the request. Once a violation has been established it may refuse "
                    "and continue handling the case."),
    )


class RatingForm(AccessibleForm, forms.Form):
    satisfied = forms.TypedChoiceField(
        label=_("Are you satisfied with how your case was handled?"), widget=forms.RadioSelect,
        coerce=lambda value: value == "yes",
        choices=[("yes", _("Satisfied")), ("no", _("Dissatisfied: ask for the case to be handled again"))],
    )
    comment = forms.CharField(label=pgettext_lazy("filer comment", "Comment"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
                              help_text=_("Required if you are dissatisfied: tell us what was not resolved."))

    def clean(self):
        data = super().clean()
        if data.get("satisfied") is False and not (data.get("comment") or "").strip():
            self.add_error("comment", _("Tell us what was not resolved so that it can be handled again."))
        return data
