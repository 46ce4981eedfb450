"""Online intake forms. They validate what a filer types; cases.services.submit_case does the rest."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from cases.models.choices import OBJECTION_REQUIRED, FilerType, MatterType
from cases.public.forms.fields import MultipleFileField, date_field, phone_field
from cases.public.projects import find_entity_by_code, resolve_project
from directory.identifiers import is_valid_id_number, normalize_credit_code, validate_credit_code
from portal.public_forms import AccessibleForm

PHONE_RE = re.compile(r"^\+?[\d\s\-()（）]{7,20}$")


def _validate_phone(value: str) -> None:
    if value and not PHONE_RE.match(value):
        raise ValidationError(_("Enter a phone number with digits only, e.g. 13812345678 or 0571-88886666."),
                              code="phone")


def matter_type_choices():
    marked = [
        (value, format_lazy("{} ★", label) if value in OBJECTION_REQUIRED else label)
        for value, label in MatterType.choices
    ]
    return [("", _("— choose —")), *marked]


class PublicForm(AccessibleForm, forms.Form):
    """Common behaviour: optional CAPTCHA, accessible errors, attachments."""

    @property
    def attachments(self) -> list:
        return self.cleaned_data.get("attachments") or []

    def _project_kwargs(self) -> dict:
        project, text = resolve_project(self.cleaned_data.get("project_id"), self.cleaned_data.get("project_query", ""))
        return {"project": project, "project_text": "" if project else text}


class ProjectFieldsMixin(forms.Form):
    project_query = forms.CharField(
        label=_("Trading project"), max_length=200, required=False,
        help_text=_("Type the project code or part of its name and choose it from the list. "
                    "If it is not listed, type its full name."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "data-project-lookup": "1"}),
    )
    project_id = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ComplaintForm(ProjectFieldsMixin, PublicForm):
    filer_type = forms.ChoiceField(label=_("You complain as"), choices=FilerType.choices, initial=FilerType.PERSON,
                                   widget=forms.RadioSelect)
    filer_name = forms.CharField(label=_("Name (person or organisation)"), max_length=100,
                                 widget=forms.TextInput(attrs={"autocomplete": "name"}))
    filer_id_number = forms.CharField(
        label=_("Identity card number"), max_length=18, required=False,
        help_text=_("Natural persons: your 18-character resident identity card number."),
    )
    filer_credit_code = forms.CharField(
        label=_("Unified social credit code"), max_length=18, required=False,
        help_text=_("Organisations: the 18-character code on the business licence."),
    )
    filer_legal_representative = forms.CharField(label=_("Legal representative"), max_length=50, required=False,
                                                 help_text=_("Organisations only."))
    filer_phone = phone_field(validators=[_validate_phone])
    filer_email = forms.EmailField(label=_("E-mail"), required=False,
                                   widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    filer_address = forms.CharField(label=_("Postal address"), max_length=200,
                                    widget=forms.TextInput(attrs={"autocomplete": "street-address"}))
    respondent_name = forms.CharField(label=_("Respondent (who you complain about)"), max_length=200,
                                      help_text=_("e.g. the tenderer, the agency or a bidder."))
    respondent_credit_code = forms.CharField(label=_("Respondent's unified social credit code"), max_length=18,
                                             required=False, help_text=_("Optional, if you know it."))
    matter_type = forms.ChoiceField(
        label=_("Matter of the complaint"), choices=matter_type_choices,
        help_text=_("★ = you must first have raised an objection with the tenderer."),
    )
    knew_on = date_field(_("Date you knew or should have known of the matter"))
    objection_raised_on = date_field(_("Date you raised the objection with the tenderer"), required=False)
    objection_replied_on = date_field(_("Date the tenderer answered"), required=False)
    objection_reply = forms.CharField(label=_("The tenderer's answer"), required=False,
                                      widget=forms.Textarea(attrs={"rows": 3}))
    title = forms.CharField(label=_("Subject"), max_length=200)
    facts = forms.CharField(label=_("Facts and reasons"), widget=forms.Textarea(attrs={"rows": 8}),
                            help_text=_("What happened, when, who was involved, and why it breaks the rules."))
    requests = forms.CharField(label=_("Your requests"), widget=forms.Textarea(attrs={"rows": 3}),
                               help_text=_("What you ask the supervising department to do."))
    attachments = MultipleFileField(
        label=_("Evidence"),
        help_text=_("Up to 10 files of at most 20 MB each: PDF, images, Word, Excel or ZIP. "
                    "If the form shows an error, choose the files again."),
    )

    field_order = [
        "filer_type", "filer_name", "filer_id_number", "filer_credit_code", "filer_legal_representative",
        "filer_phone", "filer_email", "filer_address", "project_query", "project_id", "respondent_name",
        "respondent_credit_code", "matter_type", "knew_on", "objection_raised_on", "objection_replied_on",
        "objection_reply", "title", "facts", "requests", "attachments",
    ]

    def clean_filer_id_number(self):
        value = self.cleaned_data["filer_id_number"].strip().upper()
        if value and not is_valid_id_number(value):
            raise ValidationError(_("This identity card number is not valid: please check for a typing error."),
                                  code="id_number")
        return value

    def clean_filer_credit_code(self):
        value = normalize_credit_code(self.cleaned_data["filer_credit_code"])
        if value:
            validate_credit_code(value)
        return value

    def clean_respondent_credit_code(self):
        value = normalize_credit_code(self.cleaned_data["respondent_credit_code"])
        if value:
            validate_credit_code(value)
        return value

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        if data.get("filer_type") == FilerType.PERSON and not data.get("filer_id_number") \
                and "filer_id_number" not in self.errors:
            self.add_error("filer_id_number", _("A person filing a complaint must give an identity card number."))
        if data.get("filer_type") == FilerType.ORGANISATION:
            if not data.get("filer_credit_code") and "filer_credit_code" not in self.errors:
                self.add_error("filer_credit_code", _("An organisation must give its unified social credit code."))
            if not data.get("filer_legal_representative"):
                self.add_error("filer_legal_representative",
                               _("An organisation must name its legal representative."))
        for name in ("knew_on", "objection_raised_on", "objection_replied_on"):
            if data.get(name) and data[name] > today:
                self.add_error(name, _("This date is in the future."))
        raised, replied = data.get("objection_raised_on"), data.get("objection_replied_on")
        if raised and replied and replied < raised:
            self.add_error("objection_replied_on", _("The answer cannot come before the objection."))
        if (replied or data.get("objection_reply")) and not raised:
            self.add_error("objection_raised_on", _("Give the date you raised the objection."))
        if not data.get("project_id") and not (data.get("project_query") or "").strip():
            self.add_error("project_query", _("Name the trading project the complaint is about."))
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        organisation = data["filer_type"] == FilerType.ORGANISATION
        respondent = find_entity_by_code(data["respondent_credit_code"])
        return {
            "filer_type": data["filer_type"],
            "filer_name": data["filer_name"],
            "filer_id_number": "" if organisation else data["filer_id_number"],
            "filer_credit_code": data["filer_credit_code"] if organisation else "",
            "filer_legal_representative": data["filer_legal_representative"] if organisation else "",
            "filer_phone": data["filer_phone"],
            "filer_email": data["filer_email"],
            "filer_address": data["filer_address"],
            **self._project_kwargs(),
            "respondent": respondent,
            "respondent_text": "" if respondent else data["respondent_name"],
            "matter_type": data["matter_type"],
            "title": data["title"],
            "facts": data["facts"],
            "requests": data["requests"],
            "knew_on": data["knew_on"],
            "objection_raised_on": data.get("objection_raised_on"),
            "objection_reply": data.get("objection_reply", ""),
            "objection_replied_on": data.get("objection_replied_on"),
        }


class ReportForm(ProjectFieldsMixin, PublicForm):
    ANONYMOUS, NAMED, CONFIDENTIAL = "anonymous", "named", "confidential"
    identity = forms.ChoiceField(
        label=_("How do you want to report?"), initial=CONFIDENTIAL, widget=forms.RadioSelect,
        choices=[
            (ANONYMOUS, _("Anonymously: no name; you follow the case only with its number and access code")),
            (CONFIDENTIAL, _("With my name, kept confidential: only the office sees who you are")),
            (NAMED, _("With my name")),
        ],
    )
    filer_name = forms.CharField(label=_("Your name"), max_length=100, required=False,
                                 widget=forms.TextInput(attrs={"autocomplete": "name"}))
    filer_phone = phone_field(required=False, validators=[_validate_phone])
    filer_email = forms.EmailField(label=_("E-mail"), required=False,
                                   widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    filer_address = forms.CharField(label=_("Postal address"), max_length=200, required=False)
    respondent_name = forms.CharField(label=_("Who you report (person or organisation)"), max_length=200,
                                      required=False)
    title = forms.CharField(label=_("Subject"), max_length=200)
    facts = forms.CharField(label=_("What happened"), widget=forms.Textarea(attrs={"rows": 8}),
                            help_text=_("Be as specific as you can: project, people, dates, places, amounts."))
    attachments = MultipleFileField(
        label=_("Evidence"),
        help_text=_("Up to 10 files of at most 20 MB each: PDF, images, Word, Excel or ZIP. "
                    "If the form shows an error, choose the files again."),
    )

    field_order = ["identity", "filer_name", "filer_phone", "filer_email", "filer_address", "project_query",
                   "project_id", "respondent_name", "title", "facts", "attachments"]

    def clean(self):
        data = super().clean()
        if data.get("identity") in (self.NAMED, self.CONFIDENTIAL):
            if not data.get("filer_name"):
                self.add_error("filer_name", _("Give your name, or choose to report anonymously."))
            if not any(data.get(name) for name in ("filer_phone", "filer_email", "filer_address")) \
                    and "filer_phone" not in self.errors:
                self.add_error("filer_phone", _("Give at least one way to reach you: phone, e-mail or address."))
        return data

    @property
    def is_anonymous(self) -> bool:
        return self.cleaned_data["identity"] == self.ANONYMOUS

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        identity = {} if self.is_anonymous else {
            "filer_name": data["filer_name"], "filer_phone": data["filer_phone"],
            "filer_email": data["filer_email"], "filer_address": data["filer_address"],
        }
        return {
            **identity,
            "is_anonymous": self.is_anonymous,
            "is_confidential": data["identity"] == self.CONFIDENTIAL,
            **self._project_kwargs(),
            "respondent_text": data["respondent_name"],
            "title": data["title"],
            "facts": data["facts"],
        }


class SuggestionForm(PublicForm):
    filer_name = forms.CharField(label=_("Your name"), max_length=100,
                                 widget=forms.TextInput(attrs={"autocomplete": "name"}))
    filer_phone = phone_field(required=False, validators=[_validate_phone])
    filer_email = forms.EmailField(label=_("E-mail"), required=False,
                                   widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    title = forms.CharField(label=_("Subject"), max_length=200)
    facts = forms.CharField(label=_("Your suggestion"), widget=forms.Textarea(attrs={"rows": 8}))
    attachments = MultipleFileField(label=_("Attachments"),
                                    help_text=_("Optional. Up to 10 files of at most 20 MB each."))

    def clean(self):
        data = super().clean()
        if not data.get("filer_phone") and not data.get("filer_email") and "filer_phone" not in self.errors:
            self.add_error("filer_phone", _("Give a phone number or an e-mail address so that we can answer you."))
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "filer_name": data["filer_name"], "filer_phone": data["filer_phone"], "filer_email": data["filer_email"],
            "title": data["title"], "facts": data["facts"],
        }
