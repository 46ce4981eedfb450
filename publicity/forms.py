from django import forms
from django.utils.translation import gettext_lazy as _

from directory.models import Department
from portal.widgets import IsoDateInput
from publicity.models import Disclosure
from publicity.selectors import DisclosureFilters


class DisclosureFilterForm(forms.Form):
    """The public list's filters. Bad values are reported next to the field and ignored."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("e.g. 围标, a company or a project")}))
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds"))] + Disclosure.Kind.choices)
    department = forms.ModelChoiceField(label=_("Department"), required=False, empty_label=_("All departments"),
                                        queryset=Department.objects.none())
    entity = forms.CharField(label=_("Company or credit code"), required=False, max_length=200)
    date_from = forms.DateField(label=_("Published on or after"), required=False, widget=IsoDateInput())
    date_to = forms.DateField(label=_("Published on or before"), required=False, widget=IsoDateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(is_active=True).exclude(
            kind=Department.Kind.OUTSIDE_BODY)

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("The end date is before the start date."))
        return data

    def filters(self) -> DisclosureFilters:
        """The valid part of the input: an invalid field is dropped, the others still apply."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        department = data.get("department")
        return DisclosureFilters(
            kind=data.get("kind") or "",
            department_id=department.pk if department else None,
            entity=data.get("entity") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to") if "date_to" not in self.errors else None,
            query=data.get("q") or "",
        )
