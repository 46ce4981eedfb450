from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from cases.models.choices import (
    OPEN_STATES,
    TRANSFERABLE_STATES,
    WITHDRAWABLE_STATES,
    Channel,
    DeadlineTrack,
    FilerType,
    Kind,
    MatterType,
    Outcome,
    RejectionReason,
    Satisfaction,
    State,
    outcome_label,
)
from directory.models import Department, Grid, MarketEntity, TradingProject

OPEN_CASE = models.Q(state__in=[str(state) for state in OPEN_STATES])

# Transition permissions (Meta.permissions below); roles get them in cases/roles.py.
TRIAGE = "cases.triage_case"
ASSIGN = "cases.assign_case"
HANDLE = "cases.handle_case"
APPROVE = "cases.approve_decision"
REPLY = "cases.reply_case"
DECIDE_WITHDRAWAL = "cases.decide_withdrawal"
TRANSFER = "cases.transfer_case"


class Case(models.Model):
    """A complaint, report or suggestion. Change `state` only through cases.services."""

    number = models.CharField(_("case number"), max_length=20, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    deadline_track = models.CharField(_("deadline rules"), max_length=30, choices=DeadlineTrack.choices)
    state = FSMField(_("state"), max_length=20, choices=State.choices, default=State.SUBMITTED, protected=True)
    version = models.PositiveIntegerField(_("version"), default=0, editable=False)
    access_code_hash = models.CharField(max_length=128, editable=False)

    # Who filed it. Reports may be anonymous; identities may be confidential (hidden from departments).
    filer_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="filed_cases",
        verbose_name=_("filer account"),
    )
    filer_type = models.CharField(_("filer type"), max_length=20, choices=FilerType.choices, default=FilerType.PERSON)
    filer_name = models.CharField(_("filer name"), max_length=100, blank=True)
    filer_id_number = models.CharField(_("ID number"), max_length=18, blank=True)
    filer_credit_code = models.CharField(_("unified social credit code"), max_length=18, blank=True)
    filer_legal_representative = models.CharField(_("legal representative"), max_length=50, blank=True)
    filer_phone = models.CharField(_("phone"), max_length=40, blank=True)
    filer_email = models.EmailField(_("e-mail"), blank=True)
    filer_address = models.CharField(_("address"), max_length=200, blank=True)
    is_anonymous = models.BooleanField(_("anonymous"), default=False)
    is_confidential = models.BooleanField(_("identity confidential"), default=False)

    # What it is about.
    project = models.ForeignKey(
        TradingProject, models.SET_NULL, null=True, blank=True, related_name="cases", verbose_name=_("trading project"),
    )
    project_text = models.CharField(_("project as named by the filer"), max_length=200, blank=True)
    respondent = models.ForeignKey(
        MarketEntity, models.SET_NULL, null=True, blank=True, related_name="cases", verbose_name=_("respondent"),
    )
    respondent_text = models.CharField(_("respondent as named by the filer"), max_length=200, blank=True)
    matter_type = models.CharField(_("matter"), max_length=40, choices=MatterType.choices, blank=True)
    title = models.CharField(_("title"), max_length=200)
    facts = models.TextField(_("facts and reasons"))
    requests = models.TextField(_("requests"), blank=True)
    knew_on = models.DateField(_("date the filer knew of the matter"), null=True, blank=True)
    objection_raised_on = models.DateField(_("objection raised on"), null=True, blank=True)
    objection_reply = models.TextField(_("tenderer's reply to the objection"), blank=True)
    objection_replied_on = models.DateField(_("objection answered on"), null=True, blank=True)
    source_reference = models.CharField(
        _("source reference"), max_length=200, blank=True,
        help_text=_("Referral letter number, monitoring lead or inspection this case came from."),
    )

    # Who handles it.
    department = models.ForeignKey(
        Department, models.PROTECT, null=True, blank=True, related_name="cases", verbose_name=_("department"),
    )
    grid = models.ForeignKey(Grid, models.SET_NULL, null=True, blank=True, related_name="cases", verbose_name=_("grid"))
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="handled_cases",
        verbose_name=_("handler"),
    )
    transferred_to = models.ForeignKey(
        Department, models.PROTECT, null=True, blank=True, related_name="transferred_cases",
        verbose_name=_("transferred to"),
    )

    # Timeline and statutory deadlines (working days, see cases.deadlines).
    received_at = models.DateTimeField(_("received at"))
    counted_from = models.DateField(
        _("periods counted from"), null=True, blank=True,
        help_text=_("Day of receipt, or of the last supplement: receipt-based periods restart from it."),
    )
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    replied_at = models.DateTimeField(_("feedback given at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    supplement_due = models.DateField(_("supplement due"), null=True, blank=True)
    acceptance_due = models.DateField(_("acceptance decision due"), null=True, blank=True)
    decision_due = models.DateField(_("decision due"), null=True, blank=True)
    reply_due = models.DateField(_("feedback due"), null=True, blank=True)
    rating_due = models.DateField(_("satisfaction rating due"), null=True, blank=True)
    # The deadline the case is running against now (None when the clock stands still or the case
    # is finished); kept by cases.deadlines.refresh_current_deadline for queues and sorting.
    current_deadline = models.CharField(_("current deadline"), max_length=20, blank=True)
    current_due = models.DateField(_("current due date"), null=True, blank=True)

    # Outcome.
    rejection_reason = models.CharField(_("reason for non-acceptance"), max_length=30, choices=RejectionReason.choices, blank=True)
    rejection_text = models.TextField(_("non-acceptance explanation"), blank=True)
    supplement_request = models.TextField(_("what must be supplemented"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=30, choices=Outcome.choices, blank=True)
    decision_text = models.TextField(_("decision"), blank=True)
    measures = models.JSONField(_("measures"), default=list, blank=True)
    fine_amount = models.DecimalField(
        _("fine (yuan)"), max_digits=14, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)],
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("decision proposed by"),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("decision approved by"),
    )
    reply_text = models.TextField(_("feedback to the filer"), blank=True)
    satisfaction = models.CharField(_("satisfaction"), max_length=20, choices=Satisfaction.choices, blank=True)
    satisfaction_comment = models.TextField(_("satisfaction comment"), blank=True)
    rehandled = models.BooleanField(_("re-handled after dissatisfaction"), default=False)
    withdrawal_reason = models.TextField(_("withdrawal reason"), blank=True)
    withdrawal_requested_at = models.DateTimeField(_("withdrawal requested at"), null=True, blank=True)
    transfer_reason = models.TextField(_("transfer reason"), blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        permissions = [
            ("triage_case", _("Accept, reject or ask for a supplement")),
            ("assign_case", _("Refer cases to departments")),
            ("handle_case", _("Handle cases of one's department")),
            ("approve_decision", _("Approve or send back proposed decisions")),
            ("reply_case", _("Give feedback to the filer")),
            ("decide_withdrawal", _("Decide on withdrawal requests")),
            ("transfer_case", _("Transfer cases to another authority")),
            ("supervise_case", _("Issue supervision notices and decide on extensions")),
            ("reveal_identity", _("Reveal a confidential filer's identity")),
            ("view_all_cases", _("See cases of every department")),
            ("enter_case", _("Enter paper, phone and referral cases")),
        ]
        indexes = [
            models.Index(fields=["state", "department"]),
            models.Index(fields=["department", "grid", "state"]),
            models.Index(fields=["handler", "state"]),
            models.Index(fields=["kind", "received_at"]),
            models.Index(fields=["channel", "received_at"]),
            models.Index(fields=["acceptance_due"]),
            models.Index(fields=["decision_due"]),
            models.Index(fields=["current_due", "state"]),
            # The work lists at a city's scale: each open-case queue's filter and default order
            # (partial indexes over the open cases only, a small share of all cases).
            models.Index(fields=["-received_at"], condition=OPEN_CASE, name="case_open_by_received"),
            models.Index(fields=["department", "-received_at"], condition=OPEN_CASE, name="case_open_dept_by_received"),
            models.Index(fields=["handler", "-received_at"], condition=OPEN_CASE, name="case_open_handler_by_received"),
            models.Index(fields=["current_due"], condition=OPEN_CASE, name="case_open_by_due"),
            models.Index(fields=["department", "current_due"], condition=OPEN_CASE, name="case_open_dept_by_due"),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    @property
    def identity_hidden(self) -> bool:
        return self.is_anonymous or self.is_confidential

    @property
    def outcome_label(self) -> str:
        """The outcome in the law's words for this kind (投诉成立 for complaints, 属实 for reports)."""
        return outcome_label(self.kind, self.outcome)

    # --- Transitions (called only by cases.services via portal.workflow.apply_transition) -----
    @transition(field=state, source=State.SUBMITTED, target=State.NEEDS_SUPPLEMENT, permission=TRIAGE)
    def request_supplement(self):
        pass

    @transition(field=state, source=State.NEEDS_SUPPLEMENT, target=State.SUBMITTED)
    def supplement(self):
        pass

    @transition(field=state, source=State.NEEDS_SUPPLEMENT, target=State.REJECTED)
    def expire_supplement(self):
        pass

    @transition(field=state, source=State.SUBMITTED, target=State.REJECTED, permission=TRIAGE)
    def reject(self):
        pass

    @transition(field=state, source=State.SUBMITTED, target=State.ACCEPTED, permission=TRIAGE)
    def accept(self):
        pass

    @transition(field=state, source=State.ACCEPTED, target=State.ASSIGNED, permission=ASSIGN)
    def assign(self):
        pass

    @transition(field=state, source=State.ASSIGNED, target=State.ACCEPTED, permission=HANDLE)
    def return_to_office(self):
        pass

    @transition(field=state, source=State.ASSIGNED, target=State.INVESTIGATING, permission=HANDLE)
    def start(self):
        pass

    @transition(field=state, source=State.INVESTIGATING, target=State.SUSPENDED, permission=HANDLE)
    def suspend(self):
        pass

    @transition(field=state, source=State.SUSPENDED, target=State.INVESTIGATING, permission=HANDLE)
    def resume(self):
        pass

    @transition(field=state, source=State.INVESTIGATING, target=State.UNDER_REVIEW, permission=HANDLE)
    def propose_decision(self):
        pass

    @transition(field=state, source=State.UNDER_REVIEW, target=State.DECIDED, permission=APPROVE)
    def approve(self):
        pass

    @transition(field=state, source=State.UNDER_REVIEW, target=State.INVESTIGATING, permission=APPROVE)
    def send_back(self):
        pass

    @transition(field=state, source=State.DECIDED, target=State.REPLIED, permission=REPLY)
    def reply(self):
        pass

    @transition(field=state, source=State.REPLIED, target=State.CLOSED)
    def close(self):
        pass

    @transition(field=state, source=State.REPLIED, target=State.INVESTIGATING, conditions=[lambda case: not case.rehandled])
    def reopen_for_rehandling(self):
        pass

    @transition(field=state, source=list(WITHDRAWABLE_STATES), target=State.WITHDRAWN, permission=DECIDE_WITHDRAWAL)
    def withdraw(self):
        pass

    @transition(field=state, source=list(TRANSFERABLE_STATES), target=State.TRANSFERRED, permission=TRANSFER)
    def transfer_out(self):
        pass
