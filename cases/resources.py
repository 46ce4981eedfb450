"""Bulk import of historical cases (Django admin, csv/xlsx): parsing and row errors here, the
write in cases.services.history. A file with any bad row imports nothing and lists every row's error."""

import re
import secrets

from django.utils import translation
from django.utils.translation import gettext as _
from import_export import fields, widgets

from cases.models import (
    Case,
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
from cases.services.history import import_historical_case, validate_historical_case
from directory.models import Department, MarketEntity, TradingProject
from portal.importing import CodeForeignKeyWidget, StrictResource


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
        validate_historical_case(instance, import_validation_errors)

    def save_instance(self, instance, is_create, row, **kwargs):
        # The one write path for historical cases: the service saves, numbers and records the event.
        import_historical_case(case=instance, actor=kwargs.get("user"))
