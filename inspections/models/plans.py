"""Inspection plans and the frozen material of their verifiable draw."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import FSMField, transition

from directory.models import Department
from directory.models.organisation import code_validator
from inspections.models.directories import InspectionItem, InspectionTarget

PLAN_PERMISSION_APPROVE = "inspections.approve_inspectionplan"
PLAN_PERMISSION_DRAW = "inspections.run_draw"
RATIO_VALIDATORS = [MinValueValidator(0), MaxValueValidator(10_000)]


class PlanState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved, manifest published")
    DRAWING = "drawing", _("Drawing")
    DRAWN = "drawn", _("Drawn")
    FAILED = "failed", _("Draw failed")
    CANCELLED = "cancelled", pgettext_lazy("inspection plan state", "Cancelled")


class InspectionPlan(models.Model):
    class Kind(models.TextChoices):
        ROUTINE = "routine", _("Routine inspection")
        CONTRACT_PERFORMANCE = "contract_performance", _("Contract performance (completed projects)")

    code = models.CharField(_("plan number"), max_length=32, unique=True, validators=[code_validator])
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.ROUTINE)
    departments = models.ManyToManyField(Department, related_name="inspection_plans", verbose_name=_("departments"),
                                         help_text=_("Several departments make a joint inspection: one visit, "
                                                     "each department's items."))
    items = models.ManyToManyField(InspectionItem, related_name="plans", verbose_name=_("inspection items"))
    forced_targets = models.ManyToManyField(InspectionTarget, blank=True, related_name="forced_in_plans",
                                            verbose_name=_("forced inclusions"),
                                            help_text=_("Targets inspected in any case, in addition to the "
                                                        "directory's forced-inclusion flags."))
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    ratio_a = models.PositiveIntegerField(_("ratio grade A (‱)"), default=100, validators=RATIO_VALIDATORS,
                                          help_text=_("In basis points: 100 = 1%."))
    ratio_b = models.PositiveIntegerField(_("ratio grade B (‱)"), default=200, validators=RATIO_VALIDATORS)
    ratio_c = models.PositiveIntegerField(_("ratio grade C (‱)"), default=1000, validators=RATIO_VALIDATORS)
    ratio_d = models.PositiveIntegerField(_("ratio grade D (‱)"), default=3000, validators=RATIO_VALIDATORS)
    frequency_months = models.PositiveSmallIntegerField(
        _("frequency limit (months)"), default=12, validators=[MaxValueValidator(60)],
        help_text=_("A target inspected within this many months is not drawn again unless forced; 0 = no limit."))
    inspectors_per_target = models.PositiveSmallIntegerField(
        _("inspectors per target"), default=2, validators=[MinValueValidator(2), MaxValueValidator(10)])
    draw_at = models.DateTimeField(_("draw time"))
    publication_deadline = models.DateField(_("publication deadline"),
                                            help_text=_("Date by which all results must be published."))
    public_value_source = models.CharField(
        _("future public value"), max_length=200, blank=True,
        help_text=_("Optional: a value nobody knows before the draw, mixed into the seed, e.g. "
                    "\"福彩3D draw of 2026-12-01\". Leave empty for none."))
    public_value_published_at = models.DateTimeField(
        _("public value published at"), null=True, blank=True,
        help_text=_("When the public value becomes known, e.g. the lottery's draw time. It must be after the "
                    "plan's approval, so nobody can know it when the plan is approved."))
    state = FSMField(_("state"), default=PlanState.DRAFT, choices=PlanState.choices, protected=True)
    version = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+",
                                   verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("approved by"))
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    draw_progress = models.PositiveSmallIntegerField(_("draw progress (%)"), default=0)
    draw_message = models.TextField(_("draw message"), blank=True)

    class Meta:
        ordering = ["-period_start", "-code"]
        verbose_name = _("inspection plan")
        verbose_name_plural = _("inspection plans")
        permissions = [("approve_inspectionplan", _("Can approve inspection plans")),
                       ("run_draw", _("Can run draws"))]

    def __str__(self):
        return f"{self.code} {self.title}"

    @property
    def ratios_bp(self) -> dict[str, int]:
        return {"A": self.ratio_a, "B": self.ratio_b, "C": self.ratio_c, "D": self.ratio_d}

    def clean(self):
        errors = {}
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("The period ends before it starts.")
        if self.publication_deadline and self.period_end and self.publication_deadline < self.period_end:
            errors["publication_deadline"] = _("The publication deadline cannot be before the period ends.")
        if self.kind == self.Kind.CONTRACT_PERFORMANCE:
            for grade, ratio in self.ratios_bp.items():
                if not 500 <= ratio <= 1000:
                    errors[f"ratio_{grade.lower()}"] = _(
                        "Contract-performance plans sample 5–10% (500–1000 ‱) of completed projects.")
        if "\n" in self.public_value_source:
            errors["public_value_source"] = _("One line only.")
        if self.public_value_source and not self.public_value_published_at:
            errors["public_value_published_at"] = _("Give the time the public value is published.")
        if self.public_value_published_at and not self.public_value_source:
            errors["public_value_source"] = _("Name the public value published at that time (source and issue).")
        if self.public_value_published_at and self.draw_at and self.draw_at < self.public_value_published_at:
            errors["draw_at"] = _("The draw cannot take place before the public value is published.")
        if errors:
            raise ValidationError(errors)

    @transition(field=state, source=PlanState.DRAFT, target=PlanState.APPROVED, permission=PLAN_PERMISSION_APPROVE)
    def approve(self):
        pass

    @transition(field=state, source=PlanState.APPROVED, target=PlanState.DRAWING, permission=PLAN_PERMISSION_DRAW)
    def start_draw(self):
        pass

    @transition(field=state, source=PlanState.DRAWING, target=PlanState.DRAWN)
    def finish_draw(self):
        pass

    @transition(field=state, source=PlanState.DRAWING, target=PlanState.FAILED)
    def fail_draw(self):
        pass

    @transition(field=state, source=[PlanState.DRAFT, PlanState.APPROVED, PlanState.FAILED],
                target=PlanState.CANCELLED, permission=PLAN_PERMISSION_APPROVE)
    def cancel(self):
        pass


class DrawRecord(models.Model):
    """The published material of one plan's draw, stored as the exact bytes (UTF-8 text) served."""

    plan = models.OneToOneField(InspectionPlan, models.PROTECT, related_name="draw_record", verbose_name=_("plan"))
    manifest_json = models.TextField(_("manifest"))
    manifest_sha256 = models.CharField(_("manifest SHA-256"), max_length=64)
    target_snapshot = models.TextField(_("target snapshot"))
    inspector_snapshot = models.TextField(_("inspector snapshot"))
    conflict_snapshot = models.TextField(_("conflict snapshot"), blank=True)
    conflict_key = models.CharField(
        _("conflict key"), max_length=64, blank=True,
        help_text=_("Never published: the keys of the selected targets are derived from it and revealed after the draw."),
    )
    secret = models.CharField(_("secret"), max_length=64, blank=True,
                              help_text=_("Written in clear only when the draw reveals it; empty before."))
    sealed_secret = models.TextField(
        _("sealed secret"), blank=True,
        help_text=_("The secret encrypted with DRAW_SECRET_KEY, so the database alone cannot predict the draw."))
    public_value = models.CharField(_("public value"), max_length=200, blank=True)
    public_value_entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True,
                                                related_name="+", verbose_name=_("public value entered by"))
    public_value_entered_at = models.DateTimeField(_("public value entered at"), null=True, blank=True)
    result_json = models.TextField(_("result"), blank=True)
    frozen_at = models.DateTimeField(_("frozen at"), default=timezone.now)
    drawn_at = models.DateTimeField(_("drawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("draw record")
        verbose_name_plural = _("draw records")

    def __str__(self):
        return f"{self.plan.code} {self.manifest_sha256[:12]}"

    @property
    def revealed(self) -> bool:
        return bool(self.result_json)
