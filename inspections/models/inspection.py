"""One inspection per drawn target: its team, items, findings, evidence and rectification."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import RETURN_VALUE, FSMField, transition

from directory.models import Department
from inspections.models.directories import InspectionItem, InspectionTarget, Inspector
from inspections.models.plans import InspectionPlan
from portal.storage import RandomFileName, private_files

INSPECTION_PERMISSION_WORK = "inspections.work_inspection"
INSPECTION_PERMISSION_PUBLISH = "inspections.publish_inspection"


class InspectionState(models.TextChoices):
    ASSIGNED = "assigned", _("Assigned")
    IN_PROGRESS = "in_progress", pgettext_lazy("inspection state", "In progress")
    RESULT_RECORDED = "result_recorded", _("Result recorded")
    RECTIFICATION_VERIFIED = "rectification_verified", _("Rectification verified")
    PUBLISHED = "published", pgettext_lazy("inspection state", "Published")


class Outcome(models.TextChoices):
    NO_ISSUE = "no_issue", _("No issue found")
    RECTIFICATION = "rectification", _("Issues found, rectification ordered")
    CASE_OPENED = "case_opened", _("Issues found, case opened")
    REFERRED = "referred", _("Issues found, referred")


class Inspection(models.Model):
    plan = models.ForeignKey(InspectionPlan, models.PROTECT, related_name="inspections", verbose_name=_("plan"))
    target = models.ForeignKey(InspectionTarget, models.PROTECT, related_name="inspections",
                               verbose_name=_("target"))
    draw_order = models.PositiveIntegerField(_("draw order"))
    selection_reason = models.CharField(_("selected because"), max_length=10,
                                        choices=[("forced", _("forced inclusion")), ("drawn", _("drawn at random"))])
    stratum = models.CharField(_("risk grade at the draw"), max_length=1)
    items = models.ManyToManyField(InspectionItem, related_name="inspections", verbose_name=_("inspection items"))
    state = FSMField(_("state"), default=InspectionState.ASSIGNED, choices=InspectionState.choices, protected=True)
    version = models.PositiveIntegerField(default=0, editable=False)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    outcome = models.CharField(_("result"), max_length=20, choices=Outcome.choices, blank=True)
    findings = models.TextField(_("findings"), blank=True)
    rectification_deadline = models.DateField(_("rectification deadline"), null=True, blank=True)
    rectification_verified_on = models.DateField(_("rectification verified on"), null=True, blank=True)
    verification_note = models.TextField(_("verification note"), blank=True)
    referred_to = models.ForeignKey(Department, models.PROTECT, null=True, blank=True, related_name="+",
                                    verbose_name=_("referred to"))
    case_number = models.CharField(_("case number"), max_length=32, blank=True)
    publish_due = models.DateField(_("publish by"), null=True, blank=True, db_index=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    public_summary = models.TextField(_("published summary"), blank=True)
    disclosure_reference = models.CharField(_("disclosure reference"), max_length=64, blank=True)

    class Meta:
        ordering = ["plan", "draw_order"]
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        permissions = [("work_inspection", _("Can carry out inspections")),
                       ("publish_inspection", _("Can publish inspection results"))]
        constraints = [models.UniqueConstraint(fields=["plan", "target"], name="uniq_inspection_per_plan_target")]
        indexes = [models.Index(fields=["state", "publish_due"])]

    def __str__(self):
        return f"{self.plan.code}-{self.draw_order:03d} {self.target}"

    @property
    def reference(self) -> str:
        return f"{self.plan.code}-{self.draw_order:03d}"

    @property
    def found_problems(self) -> bool:
        return bool(self.outcome) and self.outcome != Outcome.NO_ISSUE

    def clean(self):
        errors = {}
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            errors["ended_on"] = _("The inspection cannot end before it started.")
        if self.outcome == Outcome.RECTIFICATION and not self.rectification_deadline:
            errors["rectification_deadline"] = _("Set a rectification deadline.")
        if self.rectification_deadline and self.ended_on and self.rectification_deadline < self.ended_on:
            errors["rectification_deadline"] = _("The rectification deadline is before the inspection ended.")
        if self.outcome == Outcome.REFERRED and not self.referred_to_id:
            errors["referred_to"] = _("Choose the department it is referred to.")
        if self.found_problems and not self.findings.strip():
            errors["findings"] = _("Describe the problems found.")
        if errors:
            raise ValidationError(errors)

    def needs_rectification_check(self) -> bool:
        return self.outcome == Outcome.RECTIFICATION

    @transition(field=state, source=InspectionState.ASSIGNED, target=InspectionState.IN_PROGRESS,
                permission=INSPECTION_PERMISSION_WORK)
    def start(self, *, started_on):
        self.started_on = started_on

    @transition(field=state, source=InspectionState.IN_PROGRESS, target=InspectionState.RESULT_RECORDED,
                permission=INSPECTION_PERMISSION_WORK)
    def record_result(self, **values):
        for name, value in values.items():
            setattr(self, name, value)

    @transition(field=state, source=[InspectionState.RESULT_RECORDED, InspectionState.RECTIFICATION_VERIFIED],
                target=RETURN_VALUE(InspectionState.RESULT_RECORDED, InspectionState.RECTIFICATION_VERIFIED),
                permission=INSPECTION_PERMISSION_WORK)
    def correct_result(self, **values):
        """A verification stays valid only if the same rectification was ordered by the same deadline."""
        keeps_verification = (self.state == InspectionState.RECTIFICATION_VERIFIED
                              and values["outcome"] == Outcome.RECTIFICATION
                              and values["rectification_deadline"] == self.rectification_deadline)
        for name, value in values.items():
            setattr(self, name, value)
        if keeps_verification:
            return InspectionState.RECTIFICATION_VERIFIED
        self.rectification_verified_on = None
        self.verification_note = ""
        return InspectionState.RESULT_RECORDED

    @transition(field=state, source=InspectionState.RESULT_RECORDED, target=InspectionState.RECTIFICATION_VERIFIED,
                conditions=[needs_rectification_check], permission=INSPECTION_PERMISSION_WORK)
    def verify_rectification(self, *, verified_on, note):
        self.rectification_verified_on = verified_on
        self.verification_note = note

    @transition(field=state, source=[InspectionState.RESULT_RECORDED, InspectionState.RECTIFICATION_VERIFIED],
                target=InspectionState.PUBLISHED, permission=INSPECTION_PERMISSION_PUBLISH)
    def publish(self, *, published_on, summary):
        self.published_on = published_on
        self.public_summary = summary


class InspectionAssignment(models.Model):
    inspection = models.ForeignKey(Inspection, models.CASCADE, related_name="assignments",
                                   verbose_name=_("inspection"))
    inspector = models.ForeignKey(Inspector, models.PROTECT, related_name="assignments", verbose_name=_("inspector"))
    position = models.PositiveSmallIntegerField(pgettext_lazy("ordering", "position"))

    class Meta:
        ordering = ["inspection", "position"]
        verbose_name = _("inspector assignment")
        verbose_name_plural = _("inspector assignments")
        constraints = [models.UniqueConstraint(fields=["inspection", "inspector"], name="uniq_inspector_per_inspection")]

    def __str__(self):
        return f"{self.inspection.reference} · {self.inspector}"


class InspectionEvidence(models.Model):
    inspection = models.ForeignKey(Inspection, models.CASCADE, related_name="evidence", verbose_name=_("inspection"))
    file = models.FileField(_("file"), upload_to=RandomFileName("inspections"), storage=private_files)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(pgettext_lazy("attachment", "content type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    description = models.CharField(pgettext_lazy("attachment", "description"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("uploaded by"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self):
        return self.original_name
