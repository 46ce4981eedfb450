"""Bulk import of historical cases (Django admin, csv/xlsx). Historical cases keep their original
numbers and states: they are imported as data, not run through the workflow, and each gets an
"imported" event. A file with any bad row imports nothing and lists every row's error."""

import re
import secrets

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from cases import deadlines
from cases.exports import EXPORT_COLUMNS, DeadlineClock, export_row
from cases.models import (
    Case,
    CaseEvent,
    CaseNumberSequence,
    Channel,
    FilerType,
    Kind,
    MatterType,
    Measure,
    Outcome,
    RejectionReason,
    Satisfaction,
    State,
)
from cases.models.choices import NUMBER_PREFIX
from directory.models import Department, MarketEntity, TradingProject
from portal.importing import CodeForeignKeyWidget, StrictResource

NUMBER_PATTERN = re.compile(r"^(TS|JB|JY)(\d{4})(\d{6})$")
DECIDED_STATES = {State.DECIDED, State.REPLIED, State.CLOSED}
# Workflow timestamps must not run backwards.
TIME_ORDER = ["received_at", "accepted_at", "decided_at", "replied_at", "closed_at"]


def _labels(label) -> set[str]:
    labels = set()
    for language in ("zh-hans", "en"):
        with translation.override(language):
            labels.add(str(label))
    return labels


class ChoiceWidget(widgets.Widget):
    """Accepts a choice's code or its label (Chinese or English as exported); exports the code."""

    def __init__(self, choices, **kwargs):
        self.choices = choices
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        value = str(value or "").strip()
        if not value:
            return ""
        for code, label in self.choices.choices:
            if value == code or value in _labels(label):
                return code
        raise ValueError(_("“%(value)s” is not one of: %(choices)s.")
                         % {"value": value, "choices": "、".join(str(label) for _code, label in self.choices.choices)})

    def render(self, value, obj=None, **kwargs):
        return value or ""


class MeasuresWidget(widgets.Widget):
    """Measures as codes or labels separated by commas or 、."""

    def clean(self, value, row=None, **kwargs):
        parts = [p.strip() for p in re.split(r"[,，、;；]", str(value or "")) if p.strip()]
        choice = ChoiceWidget(Measure)
        return [choice.clean(part) for part in parts]

    def render(self, value, obj=None, **kwargs):
        return ",".join(value or [])


def choice_field(name, choices):
    return fields.Field(attribute=name, column_name=name, widget=ChoiceWidget(choices))


class HistoricalCaseResource(StrictResource):
    kind = choice_field("kind", Kind)
    channel = choice_field("channel", Channel)
    state = fields.Field(attribute="state", column_name="state", widget=ChoiceWidget(State), readonly=True)
    filer_type = choice_field("filer_type", FilerType)
    matter_type = choice_field("matter_type", MatterType)
    rejection_reason = choice_field("rejection_reason", RejectionReason)
    outcome = choice_field("outcome", Outcome)
    satisfaction = choice_field("satisfaction", Satisfaction)
    measures = fields.Field(attribute="measures", column_name="measures", widget=MeasuresWidget())
    project = fields.Field("project", "project", CodeForeignKeyWidget(TradingProject))
    respondent = fields.Field("respondent", "respondent", CodeForeignKeyWidget(MarketEntity))
    department = fields.Field("department", "department", CodeForeignKeyWidget(Department))

    class Meta(StrictResource.Meta):
        model = Case
        import_id_fields = ["number"]
        skip_unchanged = False
        fields = [
            "number", "kind", "channel", "state", "received_at",
            "filer_type", "filer_name", "filer_id_number", "filer_credit_code", "filer_legal_representative",
            "filer_phone", "filer_email", "filer_address", "is_anonymous", "is_confidential",
            "project", "project_text", "respondent", "respondent_text", "matter_type", "title", "facts", "requests",
            "knew_on", "objection_raised_on", "objection_reply", "objection_replied_on", "source_reference",
            "department", "accepted_at", "acceptance_due", "decision_due", "decided_at", "reply_due", "replied_at",
            "closed_at", "rejection_reason", "rejection_text", "outcome", "decision_text", "measures", "fine_amount",
            "reply_text", "satisfaction", "satisfaction_comment",
        ]

    # --- rows -----------------------------------------------------------------------------------
    def get_or_init_instance(self, instance_loader, row):
        if self.get_instance(instance_loader, row) is not None:
            raise ValueError(_("Case %(number)s already exists: an import never changes existing cases.")
                             % {"number": row.get("number")})
        return self.init_instance(row), True

    def init_instance(self, row=None):
        # The state is protected (changed only by transitions), so it is set once, at construction.
        state = ChoiceWidget(State).clean(row.get("state"))
        if not state:
            raise ValueError(_("Every row needs a state."))
        unusable_code = "!" + secrets.token_hex(16)  # historical filers never got an access code
        return Case(state=state, access_code_hash=unusable_code)

    def before_import_row(self, row, **kwargs):
        if row.get("number"):
            row["number"] = str(row["number"]).strip().upper()

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        if instance.kind:
            instance.deadline_track = deadlines.track_for(kind=instance.kind, project=instance.project)
        deadlines.refresh_current_deadline(instance)
        for field, messages in self._historical_errors(instance).items():
            errors.setdefault(field, messages)
        try:
            # `state` is protected and was checked by its widget in init_instance.
            instance.full_clean(exclude=[*errors, "state"], validate_unique=validate_unique)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def _historical_errors(self, case) -> dict:
        errors = {}
        match = NUMBER_PATTERN.match(case.number or "")
        if not match:
            errors["number"] = [_("A case number looks like TS2024000123: TS, JB or JY, the year and six digits.")]
        elif case.kind and NUMBER_PREFIX.get(case.kind) != match.group(1):
            errors["number"] = [_("The number of a %(kind)s starts with %(prefix)s.")
                                % {"kind": case.get_kind_display(), "prefix": NUMBER_PREFIX[case.kind]}]
        if case.state == State.REJECTED and not case.rejection_reason:
            errors["rejection_reason"] = [_("A case that was not accepted needs its statutory reason.")]
        if case.state in DECIDED_STATES and not case.outcome:
            errors["outcome"] = [_("A decided case needs its outcome.")]
        if case.state in DECIDED_STATES and not case.decided_at:
            errors["decided_at"] = [_("A decided case needs its decision date.")]
        if case.state == State.CLOSED and not case.closed_at:
            errors["closed_at"] = [_("A closed case needs its closing date.")]
        moments = [(name, getattr(case, name)) for name in TIME_ORDER if getattr(case, name)]
        for (earlier_name, earlier), (later_name, later) in zip(moments, moments[1:], strict=False):
            if later < earlier:
                errors[later_name] = [_("%(later)s is before %(earlier)s.") % {
                    "later": Case._meta.get_field(later_name).verbose_name,
                    "earlier": Case._meta.get_field(earlier_name).verbose_name}]
        return errors

    def after_save_instance(self, instance, row, **kwargs):
        self._keep_numbering_ahead(instance)
        user = kwargs.get("user")
        CaseEvent.objects.create(
            case=instance, actor=user if user is not None and user.is_authenticated else None,
            actor_label="" if user is not None else "import", action="imported", to_state=instance.state,
            note=_("Imported from historical records with number %(number)s and state “%(state)s”.")
            % {"number": instance.number, "state": instance.get_state_display()},
            data={"source": "historical_import"},
        )

    @staticmethod
    def _keep_numbering_ahead(case):
        """New filings must never reuse an imported number."""
        match = NUMBER_PATTERN.match(case.number)
        year, value = int(match.group(2)), int(match.group(3))
        CaseNumberSequence.objects.get_or_create(kind=case.kind, year=year)
        sequence = CaseNumberSequence.objects.select_for_update().get(kind=case.kind, year=year)
        if sequence.last_value < value:
            sequence.last_value = value
            sequence.save(update_fields=["last_value"])


# --- Export -------------------------------------------------------------------------------------

class _CaseListResourceBase(resources.ModelResource):
    """The case list exactly as the back-office queues export it (cases.exports): the same
    columns and the same identity rule (a hidden filer stays hidden, and no ID number, phone,
    e-mail or address is ever in it). Export only; the caller passes a visible queryset."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.clock = DeadlineClock()
        self._row = (None, {})

    def export_field(self, field, instance, **kwargs):
        if self._row[0] != instance.pk:
            self._row = (instance.pk, export_row(instance, self.clock))
        return self._row[1][field.attribute]

    def import_data(self, *args, **kwargs):
        raise PermissionError("the case list is export-only")


class _CaseListMeta:
    model = Case
    fields = [key for key, _heading in EXPORT_COLUMNS]
    export_order = fields


CaseListResource = type("CaseListResource", (_CaseListResourceBase,), {
    "Meta": _CaseListMeta,
    **{key: fields.Field(attribute=key, column_name=heading, readonly=True) for key, heading in EXPORT_COLUMNS},
})
