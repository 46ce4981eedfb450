import hashlib
import json
import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.models import Department, MarketEntity, TradingProject
from portal.widgets import IsoDateInput
from publicity.models import Disclosure


class CodeChoiceField(forms.ModelChoiceField):
    """Pick a record by its code, typed in (a select would list every entity)."""

    widget = forms.TextInput

    def to_python(self, value):
        return super().to_python((value or "").strip().upper())


class PublishDisclosureForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Disclosure.Kind.choices)
    severity = forms.ChoiceField(label=_("Severity"), required=False,
                                 choices=[("", "—")] + Disclosure.Severity.choices,
                                 help_text=_("Penalties and bad-behaviour records: ordinary 3–12 months, serious 1–3 years."))
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 10}))
    personal_values = forms.CharField(
        label=_("Natural persons in the text: names and other personal details"), required=False,
        help_text=_("Separate with commas. Names are masked (张伟 → 张某), other details removed wherever they "
                    "appear. Phone, ID and account numbers, e-mail and street addresses and names found in the "
                    "text are redacted automatically."))
    entity = CodeChoiceField(label=_("Market entity (credit code or expert no.)"), required=False,
                                    queryset=MarketEntity.objects.all(), to_field_name="code",
                                    error_messages={"invalid_choice": _("No market entity has this code.")})
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.all(), required=False)
    project = CodeChoiceField(label=_("Trading project (project code)"), required=False,
                                     queryset=TradingProject.objects.all(), to_field_name="code",
                                     error_messages={"invalid_choice": _("No trading project has this code.")})
    document_number = forms.CharField(label=_("Document number"), max_length=100, required=False)
    decided_on = forms.DateField(label=_("Decision date"), required=False, widget=IsoDateInput())
    publish_from = forms.DateField(label=_("Published from"), initial=timezone.localdate,
                                   widget=IsoDateInput())
    publish_until = forms.DateField(label=_("Published until"), required=False,
                                    widget=IsoDateInput(),
                                    help_text=_("Empty: the default period of the kind."))

    previewed = forms.CharField(widget=forms.HiddenInput, required=False)

    def redaction_digest(self) -> str:
        """Identifies what the reviewer previewed: whatever changes the redacted text."""
        data = self.cleaned_data
        entity = data.get("entity")
        inputs = [data.get("title", ""), data.get("body", ""), *self.listed_personal_values(),
                  entity.code if entity is not None else ""]
        return hashlib.sha256(json.dumps(inputs, ensure_ascii=False).encode()).hexdigest()

    def listed_personal_values(self) -> list[str]:
        raw = self.cleaned_data.get("personal_values") or ""
        return [value.strip() for value in re.split(r"[,，、;；\n]", raw) if value.strip()]


class RemovalForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 4}))


class CreditRepairForm(RemovalForm):
    repaired_on = forms.DateField(label=_("Credit repaired on"), initial=timezone.localdate,
                                  widget=IsoDateInput())


class PublishDecisionForm(forms.Form):
    document_number = forms.CharField(label=_("Document number"), max_length=100, required=False)
    publish_from = forms.DateField(label=_("Published from"), initial=timezone.localdate,
                                   widget=IsoDateInput())
