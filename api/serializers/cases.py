"""Case payloads. Intake input is validated by the web intake forms themselves (api.views.cases);
the fields here describe the JSON for the schema and convert types, nothing more."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from cases.models import Kind, State
from cases.models.choices import FilerType, MatterType
from cases.public.forms import ReportForm

IDENTITY_CHOICES = [ReportForm.ANONYMOUS, ReportForm.CONFIDENTIAL, ReportForm.NAMED]


def _text(max_length, help_text="", **kwargs):
    return serializers.CharField(required=False, allow_blank=True, max_length=max_length, help_text=help_text,
                                 **kwargs)


def _date(help_text):
    return serializers.DateField(required=False, allow_null=True, help_text=help_text)


class CaseIntakeSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Kind.choices, help_text=_("complaint, report or suggestion."))
    identity = serializers.ChoiceField(
        choices=IDENTITY_CHOICES, required=False,
        help_text=_("Reports only: anonymous, confidential (only the office sees who filed it) or named."),
    )
    filer_type = serializers.ChoiceField(choices=FilerType.choices, required=False,
                                         help_text=_("Complaints: person or organisation."))
    filer_name = _text(100)
    filer_id_number = _text(18, _("Complaints by a person: the 18-character resident identity card number."))
    filer_credit_code = _text(18, _("Complaints by an organisation: its unified social credit code."))
    filer_legal_representative = _text(50)
    filer_phone = _text(40)
    filer_email = _text(254)
    filer_address = _text(200)
    project_id = serializers.IntegerField(required=False, allow_null=True, min_value=1,
                                          help_text=_("Id of the trading project in the portal's directory."))
    project = _text(200, _("The project's code or full name, when its id is not known."))
    respondent_name = _text(200)
    respondent_credit_code = _text(18)
    matter_type = serializers.ChoiceField(choices=MatterType.choices, required=False, allow_blank=True,
                                          help_text=_("Complaints: what the complaint is about."))
    knew_on = _date(_("Complaints: the day the complainant knew or should have known of the matter."))
    objection_raised_on = _date(_("Complaints: the day the objection was raised with the tenderer."))
    objection_replied_on = _date(_("Complaints: the day the tenderer answered the objection."))
    objection_reply = _text(5000)
    title = _text(200)
    facts = _text(20000)
    requests = _text(5000)
    external_reference = _text(100, _("The client's own reference for this filing (e.g. a hotline ticket)."))


class DeadlineSerializer(serializers.Serializer):
    name = serializers.CharField(help_text=_("supplement, acceptance, decision, reply or rating."))
    label = serializers.CharField()
    due = serializers.DateField(allow_null=True)
    workdays_left = serializers.IntegerField(allow_null=True)
    paused = serializers.BooleanField()
    provisional = serializers.BooleanField(
        help_text=_("True when the due date lies in a year whose holiday schedule is not loaded: counted Monday to "
                    "Friday for now."),
    )


class CaseReceiptSerializer(serializers.Serializer):
    number = serializers.CharField()
    access_code = serializers.CharField(help_text=_("Shown only in this response; the portal keeps only its hash."))
    kind = serializers.CharField()
    state = serializers.CharField()
    received_at = serializers.DateTimeField()
    deadlines = DeadlineSerializer(many=True)
    intake_warnings = serializers.ListField(child=serializers.CharField())


class TrackRequestSerializer(serializers.Serializer):
    number = serializers.CharField(max_length=20)
    access_code = serializers.CharField(max_length=30)


class PublicEventSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    action = serializers.CharField()
    state = serializers.CharField()
    state_label = serializers.CharField()
    text = serializers.CharField()


class TrackedCaseSerializer(serializers.Serializer):
    number = serializers.CharField()
    kind = serializers.CharField()
    title = serializers.CharField()
    state = serializers.ChoiceField(choices=State.choices)
    state_label = serializers.CharField()
    explanation = serializers.CharField()
    received_at = serializers.DateTimeField()
    deadlines = DeadlineSerializer(many=True)
    timeline = PublicEventSerializer(many=True)


# --- Staff --------------------------------------------------------------------------------------

class DepartmentRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class StaffCaseListSerializer(serializers.Serializer):
    number = serializers.CharField()
    kind = serializers.CharField()
    channel = serializers.CharField()
    state = serializers.ChoiceField(choices=State.choices)
    state_label = serializers.CharField(source="get_state_display")
    title = serializers.CharField()
    department = DepartmentRefSerializer(allow_null=True)
    handler = serializers.CharField(allow_null=True)
    received_at = serializers.DateTimeField()
    current_deadline = serializers.CharField()
    current_due = serializers.DateField(allow_null=True)
    version = serializers.IntegerField(help_text=_("Send it back with a transition to detect concurrent changes."))


class FilerIdentitySerializer(serializers.Serializer):
    filer_type = serializers.CharField()
    filer_name = serializers.CharField()
    filer_id_number = serializers.CharField()
    filer_credit_code = serializers.CharField()
    filer_legal_representative = serializers.CharField()
    filer_phone = serializers.CharField()
    filer_email = serializers.CharField()
    filer_address = serializers.CharField()


class StaffEventSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    action = serializers.CharField()
    label = serializers.CharField()
    actor = serializers.CharField()
    from_state = serializers.CharField()
    to_state = serializers.CharField()
    note = serializers.CharField()


class StaffCaseDetailSerializer(StaffCaseListSerializer):
    facts = serializers.CharField()
    requests = serializers.CharField()
    project_code = serializers.CharField(allow_null=True)
    project_name = serializers.CharField()
    respondent = serializers.CharField()
    matter_type = serializers.CharField()
    knew_on = serializers.DateField(allow_null=True)
    objection_raised_on = serializers.DateField(allow_null=True)
    objection_replied_on = serializers.DateField(allow_null=True)
    objection_reply = serializers.CharField()
    outcome = serializers.CharField()
    decision_text = serializers.CharField()
    measures = serializers.ListField(child=serializers.CharField())
    identity_hidden = serializers.BooleanField(
        help_text=_("True when the filer's identity is anonymous or confidential and not shown to this caller."),
    )
    filer = FilerIdentitySerializer(allow_null=True)
    deadlines = DeadlineSerializer(many=True)
    intake_warnings = serializers.ListField(child=serializers.CharField())
    available_actions = serializers.ListField(
        child=serializers.CharField(), help_text=_("Names accepted by POST …/transitions/{name}/ now."),
    )
    events = StaffEventSerializer(many=True)


class TransitionRequestSerializer(serializers.Serializer):
    """The fields of the back-office form of the action (e.g. note, reason, department, outcome)."""

    version = serializers.IntegerField(required=False, min_value=0,
                                       help_text=_("The case version the caller saw; stale versions are refused."))
    note = _text(5000)
    reason = _text(5000, _("A reason code (reject, suspend) or text (return, transfer, reveal)."))
    text = _text(5000)
    request_text = _text(5000)
    department = serializers.IntegerField(required=False, min_value=1)
    grid = serializers.IntegerField(required=False, min_value=1)
    handler = serializers.IntegerField(required=False, min_value=1)
    authority = serializers.IntegerField(required=False, min_value=1)
    outcome = _text(30)
    decision_text = _text(20000)
    measures = serializers.ListField(child=serializers.CharField(max_length=40), required=False)
    fine_amount = serializers.DecimalField(max_digits=14, decimal_places=2, required=False, allow_null=True)
    facts_found = _text(20000, _("propose_decision on a complaint: the facts found, for the decision document."))
    legal_basis = _text(2000, _("propose_decision on a complaint: the legal basis (blank: the statutory one)."))
    party = _text(20, _("record_decision_service: complainant or respondent."))
    method = _text(20, _("record_decision_service: how the decision was served."))
    served_on = serializers.DateField(required=False, help_text=_("record_decision_service: the date of service."))
    reply_text = _text(20000)
    approve = serializers.BooleanField(required=False)
    deadline = _text(20)
    workdays = serializers.IntegerField(required=False)


class TransitionResultSerializer(serializers.Serializer):
    case = StaffCaseDetailSerializer(allow_null=True, help_text=_("Null when the case left the caller's view."))
    identity = FilerIdentitySerializer(required=False, help_text=_("reveal_identity only: shown once, recorded."))
