from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cases.models.case import Case
from cases.models.choices import DeadlineTrack, Kind
from portal.audit import AuditEvent, append_only_triggers
from portal.shared_cache import advance
from portal.storage import RandomFileName, private_files

SYSTEM_LABEL = "system"


# The shared-cache generation of "any case changed" (portal.shared_cache.advance).
CASE_WORK_GENERATION = "cases:work"


class CaseEvent(AuditEvent):
    """Append-only history of a case: every transition and every recorded action."""

    subject_field = "case"

    case = models.ForeignKey(Case, models.PROTECT, related_name="events", verbose_name=_("case"))
    actor_label = models.CharField(_("actor"), max_length=100, blank=True, help_text=_("e.g. system, filer"))
    public_note = models.TextField(_("note shown to the filer"), blank=True)
    is_public = models.BooleanField(_("shown on the public timeline"), default=False)

    class Meta(AuditEvent.Meta):
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        triggers = append_only_triggers("case_event")
        indexes = [models.Index(fields=["case", "created_at"]), models.Index(fields=["action", "created_at"])]

    def __str__(self):
        return f"{self.case_id} {self.action} {self.created_at:%Y-%m-%d %H:%M}"

    def before_append(self) -> None:
        """The timeline names the actor as it was then (staff name, "filer", "system"), and the
        integration client a write came through."""
        label = self.actor_label or str(
            getattr(getattr(self.actor, "staff_profile", None), "full_name", "") or self.actor or SYSTEM_LABEL)
        if self.data.get("api_client"):
            label = f"{label} · API: {self.data['api_client']}"
        self.actor_label = label[:100]
        self.public_note = self.public_note or ""
        self.is_public = bool(self.public_note)

    @classmethod
    def appended(cls) -> None:
        # Every change to a case is recorded as events: what is computed over all cases (the back
        # office's counts) is computed again.
        advance(CASE_WORK_GENERATION)


class Attachment(models.Model):
    class Purpose(models.TextChoices):
        EVIDENCE = "evidence", _("Evidence")
        SUPPLEMENT = "supplement", _("Supplement")
        SCAN = "scan", _("Scan of a paper filing")
        INTERNAL = "internal", _("Internal document")
        DECISION = "decision", _("Decision document")

    case = models.ForeignKey(Case, models.CASCADE, related_name="attachments", verbose_name=_("case"))
    file = models.FileField(_("file"), upload_to=RandomFileName("cases"), storage=private_files)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(pgettext_lazy("attachment", "content type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices, default=Purpose.EVIDENCE)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name


class PausedInterval(models.Model):
    """A period in which a deadline clock stands still: a supplement request or a suspension."""

    class Reason(models.TextChoices):
        SUPPLEMENT = "supplement", _("Waiting for a supplement")
        TESTING = "testing", _("Testing or appraisal")
        EXPERT_REVIEW = "expert_review", _("Expert review")
        OTHER = "other", _("Other statutory reason")

    case = models.ForeignKey(Case, models.CASCADE, related_name="paused_intervals", verbose_name=_("case"))
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    note = models.TextField(_("note"), blank=True)
    started_on = models.DateField(_("paused from"))
    ended_on = models.DateField(_("resumed on"), null=True, blank=True)

    class Meta:
        ordering = ["started_on", "pk"]
        verbose_name = _("paused interval")
        verbose_name_plural = _("paused intervals")

    def __str__(self):
        return f"{self.case_id} {self.started_on}–{self.ended_on or ''}"


class SupervisionNotice(models.Model):
    """督办: automatic the day after a deadline passes, or manual; escalation to the commission."""

    class Level(models.TextChoices):
        NOTICE = "notice", _("Supervision notice")
        ESCALATION = "escalation", _("Escalation to the commission")

    class Deadline(models.TextChoices):
        SUPPLEMENT = "supplement", _("Supplement")
        ACCEPTANCE = "acceptance", _("Acceptance decision")
        DECISION = "decision", _("Decision")
        REPLY = "reply", _("Feedback")
        OTHER = "other", _("Other")

    case = models.ForeignKey(Case, models.CASCADE, related_name="supervision_notices", verbose_name=_("case"))
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, default=Level.NOTICE)
    deadline = models.CharField(_("missed deadline"), max_length=20, choices=Deadline.choices)
    due_date = models.DateField(_("deadline that was missed"), null=True, blank=True)
    is_automatic = models.BooleanField(_("automatic"), default=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("issued by"),
    )
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("supervision notice")
        verbose_name_plural = _("supervision notices")
        constraints = [
            # Idempotent periodic tasks: one automatic notice per level, deadline and due date.
            models.UniqueConstraint(
                fields=["case", "level", "deadline", "due_date"], condition=models.Q(is_automatic=True),
                name="uniq_automatic_supervision_notice",
            ),
        ]

    def __str__(self):
        return f"{self.case} {self.get_level_display()}"


class ExtensionRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")

    case = models.ForeignKey(Case, models.CASCADE, related_name="extension_requests", verbose_name=_("case"))
    deadline = models.CharField(_("deadline"), max_length=20, choices=SupervisionNotice.Deadline.choices)
    workdays = models.PositiveSmallIntegerField(
        _("extra working days"), validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    reason = models.TextField(_("reason"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=pgettext_lazy("deadline extension", "requested by"))
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)
    new_due = models.DateField(_("new due date"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("extension request")
        verbose_name_plural = _("extension requests")

    def __str__(self):
        return f"{self.case} +{self.workdays}"


class DeadlinePolicy(models.Model):
    """Working-day deadlines per rule set; the office edits them (DESIGN §3 defaults in migration)."""

    track = models.CharField(_("rule set"), max_length=30, choices=DeadlineTrack.choices, unique=True)
    acceptance_workdays = models.PositiveSmallIntegerField(_("acceptance decision (working days)"), null=True, blank=True)
    decision_workdays = models.PositiveSmallIntegerField(_("decision (working days)"), null=True, blank=True)
    decision_from_acceptance = models.BooleanField(
        _("decision period counts from acceptance"), default=True,
        help_text=_("Otherwise it counts from receipt."),
    )
    reply_workdays = models.PositiveSmallIntegerField(_("feedback after decision (working days)"), default=5)
    supplement_workdays = models.PositiveSmallIntegerField(_("time to supplement (working days)"), default=5)
    rating_workdays = models.PositiveSmallIntegerField(_("time to rate satisfaction (working days)"), default=10)
    reminder_workdays = models.PositiveSmallIntegerField(_("reminder before due (working days)"), default=2)
    escalation_workdays = models.PositiveSmallIntegerField(_("escalate if still overdue after notice (working days)"), default=5)
    filing_limit_days = models.PositiveSmallIntegerField(
        _("filing limit (calendar days from knowing)"), null=True, blank=True,
        help_text=_("Tendering complaints: 10 days from the day the complainant knew or should have known."),
    )

    class Meta:
        ordering = ["track"]
        verbose_name = _("deadline policy")
        verbose_name_plural = _("deadline policies")

    def __str__(self):
        return self.get_track_display()


class CaseNumberSequence(models.Model):
    """Per kind and year counter behind public numbers like TS2026000123 (row-locked on use)."""

    kind = models.CharField(max_length=20, choices=Kind.choices)
    year = models.PositiveSmallIntegerField()
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "year"], name="uniq_case_number_sequence")]

    def __str__(self):
        return f"{self.kind} {self.year}: {self.last_value}"
