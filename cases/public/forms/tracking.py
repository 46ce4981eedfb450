import re

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.public_forms import AccessibleForm


def normalize_number(value: str) -> str:
    return re.sub(r"\s", "", value or "").upper()


class TrackForm(AccessibleForm, forms.Form):
    number = forms.CharField(label=_("Case number"), max_length=20,
                             widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
                             help_text=_("e.g. TS2026000123 (on your receipt)"))
    access_code = forms.CharField(label=_("Access code"), max_length=30,
                                  widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters",
                                                                "spellcheck": "false"}),
                                  help_text=_("The 12 characters shown once when you filed the case."))

    def clean_number(self):
        return normalize_number(self.cleaned_data["number"])
