"""Staff entry of paper, phone and referral filings (纸质投诉录入)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cases.models import Channel, FilerType, Kind, MatterType
from directory.models import Department, MarketEntity, TradingProject
from portal import uploads
from portal.widgets import IsoDateInput

STAFF_CHANNELS = (Channel.PAPER, Channel.PHONE, Channel.REFERRAL)
MAX_FILES_PER_UPLOAD = uploads.MAX_FILES_PER_UPLOAD


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        if not files and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        if len(files) > MAX_FILES_PER_UPLOAD:
            raise forms.ValidationError(
                _("Upload at most %(count)s files at a time.") % {"count": MAX_FILES_PER_UPLOAD}
            )
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class CodeLookupField(forms.CharField):
    """A natural code (project code, credit code) typed by staff, resolved to a directory row."""

    def __init__(self, *, model, lookup, not_found, **kwargs):
        self.model, self.lookup, self.not_found = model, lookup, not_found
        super().__init__(required=False, max_length=64, **kwargs)

    def clean(self, value):
        value = super().clean(value).strip()
        if not value:
            return None
        found = self.model.objects.filter(**{self.lookup: value}).first()
        if found is None:
            raise forms.ValidationError(self.not_found % {"code": value})
        return found


class StaffIntakeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    channel = forms.ChoiceField(label=_("Channel"), choices=[(c.value, c.label) for c in STAFF_CHANNELS])
    received_at = forms.DateTimeField(
        label=_("Received at"), initial=timezone.now,
        help_text=_("When the letter arrived or the call was taken; statutory deadlines count from here."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    source_reference = forms.CharField(
        label=_("Source reference"), required=False, max_length=200,
        help_text=_("Referral letter number, registered-mail number or call record."),
    )

    filer_type = forms.ChoiceField(label=_("Filer type"), choices=FilerType.choices, initial=FilerType.PERSON)
    is_anonymous = forms.BooleanField(label=_("Anonymous report"), required=False)
    is_confidential = forms.BooleanField(
        label=_("Keep the filer's identity confidential"), required=False,
        help_text=_("Departments will not see who filed it."),
    )
    filer_name = forms.CharField(label=pgettext_lazy("filer", "Name"), required=False, max_length=100)
    filer_id_number = forms.CharField(label=_("ID number"), required=False, max_length=18)
    filer_credit_code = forms.CharField(label=_("Unified social credit code"), required=False, max_length=18)
    filer_legal_representative = forms.CharField(label=_("Legal representative"), required=False, max_length=50)
    filer_phone = forms.CharField(label=_("Phone"), required=False, max_length=40)
    filer_email = forms.EmailField(label=_("E-mail"), required=False)
    filer_address = forms.CharField(label=_("Address"), required=False, max_length=200)

    project = CodeLookupField(
        model=TradingProject, lookup="code__iexact", label=_("Project code"),
        not_found=_("No trading project with code “%(code)s” exists."),
    )
    project_text = forms.CharField(label=_("Project as named by the filer"), required=False, max_length=200)
    respondent = CodeLookupField(
        model=MarketEntity, lookup="code__iexact", label=_("Respondent's credit code"),
        not_found=_("No market entity with code “%(code)s” exists."),
    )
    respondent_text = forms.CharField(label=_("Respondent as named by the filer"), required=False, max_length=200)
    matter_type = forms.ChoiceField(label=_("Matter"), required=False, choices=[("", "---------"), *MatterType.choices])
    title = forms.CharField(label=_("Title"), max_length=200)
    facts = forms.CharField(label=_("Facts and reasons"), widget=forms.Textarea(attrs={"rows": 8}))
    requests = forms.CharField(label=_("Requests"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    knew_on = forms.DateField(label=_("Date the filer knew of the matter"), required=False,
                              widget=IsoDateInput())
    objection_raised_on = forms.DateField(label=_("Objection raised on"), required=False,
                                          widget=IsoDateInput())
    objection_reply = forms.CharField(label=_("Tenderer's reply to the objection"), required=False,
                                      widget=forms.Textarea(attrs={"rows": 3}))
    objection_replied_on = forms.DateField(label=_("Objection answered on"), required=False,
                                           widget=IsoDateInput())
    department = forms.ModelChoiceField(
        label=_("Responsible department"), required=False,
        queryset=Department.objects.filter(is_active=True, kind=Department.Kind.SUPERVISING),
        help_text=_("Leave empty to decide when referring the case."),
    )
    attachments = MultipleFileField(
        label=_("Scans and evidence"), required=False,
        help_text=_("Scans of the letter and its evidence: PDF, images, Office documents or ZIP, "
                    "at most 20 MB each."),
    )

    sections = (
        ("receipt", _("How it was received"), ("kind", "channel", "received_at", "source_reference")),
        ("filer", _("Filer"), ("filer_type", "is_anonymous", "is_confidential", "filer_name", "filer_id_number",
                              "filer_credit_code", "filer_legal_representative", "filer_phone", "filer_email",
                              "filer_address")),
        ("matter", _("The matter"), ("project", "project_text", "respondent", "respondent_text", "matter_type",
                                    "title", "facts", "requests", "knew_on", "objection_raised_on",
                                    "objection_reply", "objection_replied_on")),
        ("routing", _("Department and scans"), ("department", "attachments")),
    )

    def grouped_fields(self):
        return [{"id": key, "heading": heading, "fields": [self[name] for name in names]}
                for key, heading, names in self.sections]

    def clean_received_at(self):
        received_at = self.cleaned_data["received_at"]
        if received_at > timezone.now():
            raise forms.ValidationError(_("The receipt time cannot be in the future."))
        return received_at

    def service_arguments(self) -> dict:
        """Arguments of cases.services.submit_case; the files go to add_attachments as scans."""
        data = dict(self.cleaned_data)
        data.pop("attachments")
        return data
