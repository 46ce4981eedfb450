"""What a case's statistics count, kept as history instead of being read off the case's current
fields: every approved decision, every met (or missed) statutory period, every satisfaction rating
and the deadline the case ran against over time. Re-handling adds rows instead of overwriting
them, so a closed quarter's figures never change afterwards (DESIGN §5). Written only by
cases.services.records; the first three are append-only."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models.case import Case
from cases.models.choices import Kind, Outcome
from directory.models import Department
from portal.audit import AppendOnlyModel, append_only_triggers


class DecisionRecord(AppendOnlyModel):
    """One approved decision; a case re-handled after dissatisfaction has two."""

    case = models.ForeignKey(Case, models.PROTECT, related_name="decision_records", verbose_name=_("case"))
    round = models.PositiveSmallIntegerField(_("handling round"), default=1)
    decided_at = models.DateTimeField(_("decided at"))
    department = models.ForeignKey(Department, models.PROTECT, null=True, blank=True, related_name="+",
                                   verbose_name=_("department"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    outcome = models.CharField(_("outcome"), max_length=30, choices=Outcome.choices, blank=True)
    measures = models.JSONField(_("measures"), default=list, blank=True)
    fine_amount = models.DecimalField(_("fine (yuan)"), max_digits=14, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["case", "round"]
        verbose_name = _("decision record")
        verbose_name_plural = _("decision records")
        triggers = append_only_triggers("decision_record")
        constraints = [models.UniqueConstraint(fields=["case", "round"], name="uniq_decision_round")]
        indexes = [models.Index(fields=["decided_at", "department"])]


class TimelinessRecord(AppendOnlyModel):
    """A statutory period of one handling round, met on `met_on` against the case's own due date
    at that moment: the decision for complaints and reports, the reply for suggestions
    (cases.deadlines.TIMELINESS_MEASURED_AT). `workdays_used` counts from the period's statutory
    start, leaving out the working days the clock stood still."""

    case = models.ForeignKey(Case, models.PROTECT, related_name="timeliness_records", verbose_name=_("case"))
    round = models.PositiveSmallIntegerField(_("handling round"), default=1)
    met_at = models.DateTimeField(_("met at"))
    met_on = models.DateField(_("met on"))
    due_on = models.DateField(_("due on"), null=True, blank=True, help_text=_("Empty: the rules set no period."))
    clock_started_on = models.DateField(_("period counted from"))
    workdays_used = models.IntegerField(_("working days used"))
    department = models.ForeignKey(Department, models.PROTECT, null=True, blank=True, related_name="+",
                                   verbose_name=_("department"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)

    class Meta:
        ordering = ["case", "round"]
        verbose_name = _("timeliness record")
        verbose_name_plural = _("timeliness records")
        triggers = append_only_triggers("timeliness_record")
        constraints = [models.UniqueConstraint(fields=["case", "round"], name="uniq_timeliness_round")]
        indexes = [models.Index(fields=["met_at", "department"])]


class RatingRecord(AppendOnlyModel):
    """One satisfaction rating by the filer; a dissatisfied first rating stays counted when the
    filer rates the re-handled case again."""

    case = models.ForeignKey(Case, models.PROTECT, related_name="rating_records", verbose_name=_("case"))
    round = models.PositiveSmallIntegerField(_("handling round"), default=1)
    rated_at = models.DateTimeField(_("rated at"))
    satisfied = models.BooleanField(_("satisfied"))
    department = models.ForeignKey(Department, models.PROTECT, null=True, blank=True, related_name="+",
                                   verbose_name=_("department"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)

    class Meta:
        ordering = ["case", "rated_at"]
        verbose_name = _("rating record")
        verbose_name_plural = _("rating records")
        triggers = append_only_triggers("rating_record")
        indexes = [models.Index(fields=["rated_at", "department"])]


class DeadlineSpan(models.Model):
    """The deadline a case ran against from `valid_from` until `valid_until` (open: still now), so
    that "overdue at the end of a past quarter" is answered from history, not from today's state.
    A derived index kept by cases.services.records.track_deadline on every save of a case."""

    case = models.ForeignKey(Case, models.CASCADE, related_name="deadline_spans", verbose_name=_("case"))
    deadline = models.CharField(_("deadline"), max_length=20, blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    department = models.ForeignKey(Department, models.SET_NULL, null=True, blank=True, related_name="+",
                                   verbose_name=_("department"))
    valid_from = models.DateTimeField(_("from"))
    valid_until = models.DateTimeField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["case", "valid_from"]
        verbose_name = _("deadline span")
        verbose_name_plural = _("deadline spans")
        indexes = [
            models.Index(fields=["case", "valid_until"]),
            models.Index(fields=["deadline", "due_on", "valid_from"]),
            # The spans still running at a period's end (statistics' "open and overdue"): the
            # running ones (NULL) and those closed since, without a scan of every span.
            models.Index(fields=["valid_until"], name="deadline_span_valid_until"),
        ]

    def __str__(self):
        return f"{self.case_id} {self.deadline or '-'} {self.due_on or ''}"
