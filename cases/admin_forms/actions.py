"""One form per back-office action. Field names match the keyword arguments of the service the
action calls (cases.services), so the view passes cleaned_data straight through."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cases import selectors
from cases.models import (
    DecisionService,
    ExtensionRequest,
    Measure,
    Outcome,
    PausedInterval,
    RejectionReason,
    SupervisionNotice,
)
from cases.models.choices import SOFT_MEASURES, SUBSTANTIATED_OUTCOMES
from directory.models import Department, Grid

TEXTAREA = forms.Textarea(attrs={"rows": 5})


class CaseActionForm(forms.Form):
    """Every action form carries the case version it was rendered with (optimistic locking)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


class ConfirmForm(CaseActionForm):
    """Actions that need nothing but a confirmation."""


class NoteForm(CaseActionForm):
    note = forms.CharField(label=_("Note"), widget=TEXTAREA, required=False, max_length=5000)


class RequiredNoteForm(CaseActionForm):
    note = forms.CharField(label=_("Note"), widget=TEXTAREA, max_length=5000)


class RequestSupplementForm(CaseActionForm):
    request_text = forms.CharField(
        label=_("What the filer must supplement"), widget=TEXTAREA, max_length=5000,
        help_text=_("Say everything that is missing at once: the filer is asked only one time."),
    )


class RejectForm(CaseActionForm):
    reason = forms.ChoiceField(label=_("Statutory reason"), choices=[("", "---------"), *RejectionReason.choices])
    text = forms.CharField(
        label=_("Explanation to the filer"), widget=TEXTAREA, max_length=5000,
        help_text=_("If the matter is outside our jurisdiction, name the competent authority."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Expiry of the supplement period is decided by the system, not picked by staff.
        self.fields["reason"].choices = [
            c for c in self.fields["reason"].choices if c[0] != RejectionReason.SUPPLEMENT_EXPIRED
        ]


class HandlerSelect(forms.Select):
    """Each handler option names its department and grid, so cases/referral.js can offer only
    the handlers of the department and grid chosen on the form."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        user = getattr(value, "instance", None)
        profile = getattr(user, "staff_profile", None)
        if profile is not None:
            option["attrs"].update({"data-department": profile.department_id, "data-grid": profile.grid_id or ""})
        return option


class StaffChoiceField(forms.ModelChoiceField):
    widget = HandlerSelect

    def label_from_instance(self, user):
        profile = getattr(user, "staff_profile", None)
        if profile is None:
            return user.get_username()
        place = profile.grid.name if profile.grid_id else (profile.department.short_name or profile.department.name)
        return f"{profile.full_name} ({place})"


class GridSelect(forms.Select):
    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        grid = getattr(value, "instance", None)
        if grid is not None:
            option["attrs"]["data-department"] = grid.department_id
        return option


class AssignForm(CaseActionForm):
    department = forms.ModelChoiceField(label=_("Department"), queryset=selectors.referral_departments())
    grid = forms.ModelChoiceField(
        label=_("Grid"), required=False, widget=GridSelect,
        queryset=Grid.objects.filter(is_active=True).select_related("department"),
    )
    # Which handlers fit the department and grid is decided by the referral service
    # (cases.selectors.referral_handlers); the list is filtered in the browser for convenience.
    handler = StaffChoiceField(
        label=_("Handler"), required=False, queryset=selectors.referral_handlers(),
        help_text=_("Optional: the department head may choose the handler later."),
    )
    note = forms.CharField(label=_("Note to the department"), widget=TEXTAREA, required=False, max_length=5000)

    class Media:
        js = ["cases/referral.js"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = selectors.referral_departments()
        self.fields["handler"].queryset = selectors.referral_handlers()
        for name in ("department", "grid", "handler"):
            self.fields[name].widget.attrs["data-referral"] = name


class ReturnToOfficeForm(CaseActionForm):
    reason = forms.CharField(
        label=_("Why this is not our department's matter"), widget=TEXTAREA, max_length=5000,
    )


class SuspendForm(CaseActionForm):
    reason = forms.ChoiceField(
        label=_("Reason for suspension"),
        choices=[("", "---------"), *[c for c in PausedInterval.Reason.choices if c[0] != PausedInterval.Reason.SUPPLEMENT]],
    )
    note = forms.CharField(label=_("Details"), widget=TEXTAREA, max_length=5000)


class MeasuresField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple


class ProposeDecisionForm(CaseActionForm):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=[("", "---------"), *Outcome.choices])
    decision_text = forms.CharField(label=_("Decision and its grounds"), widget=forms.Textarea(attrs={"rows": 8}),
                                    max_length=20000)
    measures = MeasuresField(label=_("Measures"), choices=Measure.choices, required=False)
    fine_amount = forms.DecimalField(label=_("Fine (yuan)"), required=False, min_value=0, max_digits=14,
                                     decimal_places=2)
    # The decision document of a complaint (the decision text above is its reasoning).
    facts_found = forms.CharField(
        label=_("Facts found"), widget=forms.Textarea(attrs={"rows": 6}), required=False, max_length=20000,
        help_text=_("Complaints: the facts the investigation established, as the decision document states them."),
    )
    legal_basis = forms.CharField(
        label=_("Legal basis"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000,
        help_text=_("Complaints: left blank, the statutory basis of complaint decisions is used."),
    )

    def clean(self):
        # The service enforces the rules too; checking here puts the message next to the field.
        data = super().clean()
        outcome, measures = data.get("outcome"), data.get("measures") or []
        if Measure.FINE in measures and data.get("fine_amount") in (None, ""):
            self.add_error("fine_amount", _("Enter the amount of the fine."))
        if data.get("fine_amount") and Measure.FINE not in measures:
            self.add_error("measures", _("A fine amount needs the measure “Fine”."))
        if outcome in SUBSTANTIATED_OUTCOMES and measures and set(measures) <= SOFT_MEASURES:
            self.add_error("measures", _(
                "A talk or internal handling never replaces an administrative penalty: "
                "choose the measure the law requires."
            ))
        if outcome in SUBSTANTIATED_OUTCOMES and not measures:
            self.add_error("measures", _("A substantiated violation needs at least one measure."))
        return data


class RecordDecisionServiceForm(CaseActionForm):
    party = forms.ChoiceField(label=_("Served on"), choices=[("", "---------"), *DecisionService.Party.choices])
    method = forms.ChoiceField(label=_("Method of service"), choices=[("", "---------"), *DecisionService.Method.choices])
    served_on = forms.DateField(label=_("Date of service"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("Note"), widget=TEXTAREA, required=False, max_length=2000,
                           help_text=_("e.g. the registered-mail tracking number, or where a public notice was posted"))


class ReplyForm(CaseActionForm):
    reply_text = forms.CharField(label=_("Feedback to the filer"), widget=forms.Textarea(attrs={"rows": 8}),
                                 max_length=20000)


class DecideWithdrawalForm(CaseActionForm):
    approve = forms.TypedChoiceField(
        label=_("Decision"), coerce=lambda v: v == "yes", widget=forms.RadioSelect,
        choices=[("yes", _("Allow the withdrawal")), ("no", _("Refuse: a violation is established, handling continues"))],
    )
    note = forms.CharField(label=_("Reason"), widget=TEXTAREA, max_length=5000)


class TransferOutForm(CaseActionForm):
    authority = forms.ModelChoiceField(
        label=_("Authority"),
        queryset=Department.objects.filter(is_active=True, kind=Department.Kind.OUTSIDE_BODY),
        help_text=_("Discipline inspection commission, police, audit office or another outside body."),
    )
    reason = forms.CharField(label=_("Reason"), widget=TEXTAREA, max_length=5000)


class RequestExtensionForm(CaseActionForm):
    deadline = forms.ChoiceField(
        label=_("Deadline to extend"),
        choices=[c for c in SupervisionNotice.Deadline.choices if c[0] != SupervisionNotice.Deadline.OTHER],
    )
    workdays = forms.IntegerField(label=_("Extra working days"), min_value=1, max_value=60)
    reason = forms.CharField(label=_("Reason"), widget=TEXTAREA, max_length=5000)


class DecideExtensionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Decision"), coerce=lambda v: v == "yes", widget=forms.RadioSelect,
        choices=[("yes", _("Approve the extension")), ("no", _("Refuse"))],
    )
    note = forms.CharField(label=_("Note"), widget=TEXTAREA, required=False, max_length=5000)

    def __init__(self, *args, extension: ExtensionRequest, **kwargs):
        self.extension = extension
        super().__init__(*args, **kwargs)


class RevealIdentityForm(CaseActionForm):
    reason = forms.CharField(
        label=_("Why the identity is needed"), widget=TEXTAREA, max_length=2000,
        help_text=_("The reveal is recorded with your name, this reason and the time."),
    )


class InternalNoteForm(CaseActionForm):
    note = forms.CharField(label=_("Internal note"), widget=TEXTAREA, max_length=5000,
                           help_text=_("Seen by staff only, never by the filer."))
