import hashlib

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from directory import identity
from directory.models import Department
from inspections.models import InspectionItem, InspectionPlan, InspectionTarget, Inspector, InspectorTie, Outcome
from portal.widgets import IsoDateInput


class PlanForm(forms.ModelForm):
    departments = forms.ModelMultipleChoiceField(
        Department.objects.filter(is_active=True, kind=Department.Kind.SUPERVISING), label=_("Departments"),
        widget=forms.CheckboxSelectMultiple, help_text=_("Choose several for a joint inspection."))
    items = forms.ModelMultipleChoiceField(InspectionItem.objects.filter(is_active=True).select_related("department"),
                                           label=_("Inspection items"), widget=forms.CheckboxSelectMultiple)
    forced_targets = forms.ModelMultipleChoiceField(
        InspectionTarget.objects.filter(is_active=True).select_related("entity", "project"), required=False,
        label=_("Forced inclusions"))

    class Meta:
        model = InspectionPlan
        fields = ["code", "title", "kind", "period_start", "period_end", "ratio_a", "ratio_b", "ratio_c", "ratio_d",
                  "frequency_months", "inspectors_per_target", "draw_at", "publication_deadline",
                  "public_value_source", "public_value_published_at"]
        widgets = {"public_value_published_at": forms.DateTimeInput(attrs={"type": "datetime-local"},
                                                                    format="%Y-%m-%dT%H:%M"),
                   "period_start": IsoDateInput(),
                   "period_end": IsoDateInput(),
                   "publication_deadline": IsoDateInput(),
                   "draw_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = _("Letters, digits and hyphens, e.g. SJ2026-12. It appears in the public "
                                          "address of the draw and in every inspection's number.")
        self.fields["draw_at"].help_text = _("Published in the manifest; the draw cannot run earlier.")
        self.fields["forced_targets"].help_text = _("Targets that must be inspected in this plan besides those "
                                                    "flagged in the target directory (complaints, monitoring leads).")
        if self.instance.pk:
            self.fields["departments"].initial = self.instance.departments.all()
            self.fields["items"].initial = self.instance.items.all()
            self.fields["forced_targets"].initial = self.instance.forced_targets.all()


class ConfirmForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class RunDrawForm(ConfirmForm):
    public_value = forms.CharField(label=_("Public value"), max_length=200, required=False)

    def __init__(self, *args, announced_source="", entered_value="", **kwargs):
        super().__init__(*args, **kwargs)
        if entered_value:
            # Entered earlier (and audited); the draw uses it as it stands.
            self.fields["public_value"].widget = forms.HiddenInput()
            self.fields["public_value"].initial = entered_value
        elif announced_source:
            # The manifest promised this value; the service refuses the draw without it.
            self.fields["public_value"].help_text = _("Announced in the manifest: %(source)s. Enter it exactly as "
                                                      "published.") % {"source": announced_source}
        else:
            # Nothing was announced, so there is nothing to enter; an empty value is what the draw uses.
            self.fields["public_value"].widget = forms.HiddenInput()


class PublicValueForm(ConfirmForm):
    public_value = forms.CharField(label=_("Public value"), max_length=200)


class CancelForm(ConfirmForm):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class StartForm(ConfirmForm):
    started_on = forms.DateField(label=_("Started on"), widget=IsoDateInput())


class ResultForm(ConfirmForm):
    outcome = forms.ChoiceField(label=_("Result"), choices=Outcome.choices)
    findings = forms.CharField(label=_("Findings"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    ended_on = forms.DateField(label=_("Ended on"), widget=IsoDateInput())
    rectification_deadline = forms.DateField(label=_("Rectification deadline"), required=False,
                                             widget=IsoDateInput())
    referred_to = forms.ModelChoiceField(Department.objects.filter(is_active=True), label=_("Referred to"),
                                         required=False)


class CorrectResultForm(ResultForm):
    reason = forms.CharField(label=_("Reason for the correction"), widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("Kept in the inspection's history."))


class VerifyForm(ConfirmForm):
    verified_on = forms.DateField(label=_("Verified on"), widget=IsoDateInput())
    note = forms.CharField(label=_("How it was checked"), widget=forms.Textarea(attrs={"rows": 3}))


class PublishForm(ConfirmForm):
    summary = forms.CharField(label=_("Published summary"), widget=forms.Textarea(attrs={"rows": 6}), required=False,
                              help_text=_("Leave empty to publish the standard summary. Personal names are masked."))
    previewed = forms.CharField(widget=forms.HiddenInput, required=False)

    def summary_digest(self) -> str:
        """Identifies the summary the reviewer previewed."""
        return hashlib.sha256((self.cleaned_data.get("summary") or "").strip().encode()).hexdigest()


class EvidenceForm(forms.Form):
    file = forms.FileField(label=_("File"))
    description = forms.CharField(label=_("Description"), max_length=200, required=False)


class _IdNumberHashMixin:
    """Staff type the ID number; only its keyed index and sealed copy are stored (directory.identity),
    the same index entity relations hold."""

    id_field = ""
    stored_prefix = ""  # <prefix>_hash and <prefix>_sealed on the model

    def clean(self):
        cleaned = super().clean()
        number = cleaned.get(self.id_field) or ""
        if number.strip():
            if not identity.is_valid_id_number(number):
                self.add_error(self.id_field, _("Enter an 18-character resident ID number."))
            else:
                protected = identity.protect(number)
                setattr(self.instance, f"{self.stored_prefix}_hash", protected.index)
                setattr(self.instance, f"{self.stored_prefix}_sealed", protected.sealed)
        return cleaned


class InspectorForm(_IdNumberHashMixin, WagtailAdminModelForm):
    id_field, stored_prefix = "id_number", "person_id"
    id_number = forms.CharField(label=_("ID number"), required=False, max_length=24,
                                help_text=_("Stored only as a keyed hash and an encrypted copy; leave empty to keep the current one."))

    class Meta:
        model = Inspector
        fields = ["staff", "certificate_no", "certificate_valid_until", "is_active"]


class InspectorTieForm(_IdNumberHashMixin, WagtailAdminModelForm):
    id_field, stored_prefix = "relative_id_number", "relative_id"
    relative_id_number = forms.CharField(label=_("Relative's ID number"), required=False, max_length=24,
                                         help_text=_("Stored only as a keyed hash and an encrypted copy, to match "
                                                     "legal representatives, managers and shareholders."))

    class Meta:
        model = InspectorTie
        fields = ["inspector", "kind", "entity", "relative_name", "note"]
