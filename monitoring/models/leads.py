from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import FSMField, transition

from directory.models import Bid, Department, MarketEntity, TradingProject
from monitoring.models.choices import OPEN_LEAD_STATES, LeadState, Screen
from monitoring.models.runs import ScreenRun
from portal.audit import AuditEvent, append_only_triggers

# Transition permission (Meta.permissions below); roles get it in monitoring/roles.py.
HANDLE_LEAD = "monitoring.handle_lead"


class Lead(models.Model):
    """A 预警线索: what a screen found, about which subjects, why, and what became of it.
    One lead per fingerprint (screen + subjects); re-runs update it. Change `state` only through
    monitoring.services.leads."""

    screen = models.CharField(_("screen"), max_length=40, choices=Screen.choices, db_index=True)
    fingerprint = models.CharField(_("fingerprint"), max_length=64, unique=True, editable=False)
    state = FSMField(_("state"), max_length=20, choices=LeadState.choices, default=LeadState.NEW, protected=True)
    version = models.PositiveIntegerField(_("version"), default=0, editable=False)
    department = models.ForeignKey(Department, models.PROTECT, null=True, blank=True, related_name="leads",
                                   verbose_name=_("department"))
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=1, db_index=True,
                                help_text=_("0–100; higher means stronger signs of collusion."))
    summary = models.TextField(_("why it was flagged"))
    evidence = models.JSONField(pgettext_lazy("lead", "evidence"), default=dict, blank=True)
    evidence_digest = models.CharField(max_length=64, editable=False)
    entities = models.ManyToManyField(MarketEntity, blank=True, related_name="leads", verbose_name=_("entities"))
    projects = models.ManyToManyField(TradingProject, blank=True, related_name="leads", verbose_name=_("projects"))
    bids = models.ManyToManyField(Bid, blank=True, related_name="leads", verbose_name=_("bids"))
    first_run = models.ForeignKey(ScreenRun, models.SET_NULL, null=True, blank=True, related_name="+",
                                  verbose_name=_("first found by"))
    last_run = models.ForeignKey(ScreenRun, models.SET_NULL, null=True, blank=True, related_name="+",
                                 verbose_name=_("last confirmed by"))
    created_at = models.DateTimeField(_("found at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    dismissal_reason = models.TextField(_("reason for dismissal"), blank=True)
    case = models.ForeignKey("cases.Case", models.PROTECT, null=True, blank=True, related_name="monitoring_leads",
                             verbose_name=_("case"))
    risk_targets = models.ManyToManyField("inspections.InspectionTarget", blank=True, related_name="monitoring_leads",
                                          verbose_name=_("targets whose risk grade was raised"))

    class Meta:
        ordering = ["-score", "-created_at", "-id"]
        verbose_name = _("lead")
        verbose_name_plural = _("leads")
        permissions = [
            ("handle_lead", _("Can review, dismiss, convert leads and raise risk grades from them")),
            ("view_all_leads", _("Can see the leads of every department")),
        ]
        indexes = [models.Index(fields=["state", "department"]), models.Index(fields=["screen", "state"])]

    def __str__(self):
        return f"{self.get_screen_display()} #{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_LEAD_STATES

    @transition(field=state, source=LeadState.NEW, target=LeadState.REVIEWING, permission=HANDLE_LEAD)
    def start_review(self):
        pass

    @transition(field=state, source=OPEN_LEAD_STATES, target=LeadState.DISMISSED, permission=HANDLE_LEAD)
    def dismiss(self, *, reason):
        self.dismissal_reason = reason

    @transition(field=state, source=OPEN_LEAD_STATES, target=LeadState.CONVERTED, permission=HANDLE_LEAD)
    def convert(self, *, case):
        self.case = case

    @transition(field=state, source=OPEN_LEAD_STATES, target=LeadState.RISK_RAISED, permission=HANDLE_LEAD)
    def raise_risk(self):
        pass


class LeadEvent(AuditEvent):
    """Append-only history of a lead: found, evidence grown, reviewed, dismissed, converted, risk raised."""

    subject_field = "lead"

    lead = models.ForeignKey(Lead, models.PROTECT, related_name="events", verbose_name=_("lead"))
    run = models.ForeignKey(ScreenRun, models.SET_NULL, null=True, blank=True, related_name="+",
                            verbose_name=_("screen run"))

    class Meta(AuditEvent.Meta):
        verbose_name = _("lead event")
        verbose_name_plural = _("lead events")
        triggers = append_only_triggers("monitoring_leadevent")
