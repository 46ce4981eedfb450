from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from directory.models import Department
from monitoring.models import TradingImport


class TradingImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("An OCDS 1.1 release package (.json, with the bids extension), or a csv/xlsx file of "
                    "entities, relations, projects, bids or awards in the directory's import format."),
        widget=forms.ClearableFileInput(attrs={"accept": ".json,.csv,.xlsx"}),
    )
    kind = forms.ChoiceField(label=pgettext_lazy("import content", "Content"), choices=TradingImport.Kind.choices, initial=TradingImport.Kind.AUTO)
    mode = forms.ChoiceField(label=_("If some rows are wrong"), choices=TradingImport.Mode.choices,
                             initial=TradingImport.Mode.ALL_OR_NOTHING, widget=forms.RadioSelect)
    default_department = forms.ModelChoiceField(
        Department.objects.filter(is_active=True), required=False, label=_("Default supervising department"),
        help_text=_("For tenders whose release names no supervising department (a party with role reviewBody)."),
    )


class LeadActionForm(forms.Form):
    # The lead's version when the page was shown: acting on a lead someone else changed meanwhile is refused.
    version = forms.IntegerField(widget=forms.HiddenInput)


class DismissLeadForm(LeadActionForm):
    reason = forms.CharField(label=_("Reason for dismissal"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000,
                             help_text=_("Say why the lead is not worth pursuing; the reason stays in the lead's history."))


class RaiseRiskForm(LeadActionForm):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
                             required=False,
                             help_text=_("Recorded with the risk grade change of each inspection target."))


class ConfirmLeadActionForm(LeadActionForm):
    """Nothing to fill in: submitting confirms the action."""
