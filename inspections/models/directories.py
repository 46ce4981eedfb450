"""Directories: inspection items, the target directory, inspectors and their declared ties."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from directory.models import Department, MarketEntity, StaffProfile, TradingProject
from directory.models.organisation import code_validator


class RiskGrade(models.TextChoices):
    A = "A", _("A (low risk)")
    B = "B", _("B")
    C = "C", _("C")
    D = "D", _("D (high risk)")


class InspectionItem(models.Model):
    """One line of the inspection item list (抽查事项清单)."""

    class Kind(models.TextChoices):
        GENERAL = "general", _("General item")
        KEY = "key", _("Key item")

    code = models.CharField(_("code"), max_length=32, unique=True, validators=[code_validator])
    name = models.CharField(_("item"), max_length=200)
    legal_basis = models.TextField(_("legal basis"))
    department = models.ForeignKey(Department, models.PROTECT, related_name="inspection_items",
                                   verbose_name=_("department"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.GENERAL)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["department__code", "code"]
        verbose_name = _("inspection item")
        verbose_name_plural = _("inspection items")

    def __str__(self):
        return f"{self.code} {self.name}"


# Changed only through inspections.services.targets (with a target event), never by a generic editor or import.
AUDITED_TARGET_FIELDS = ("risk_grade",)


class InspectionTarget(models.Model):
    """An entry of the target directory (检查对象名录库): a market entity or a trading project."""

    class Kind(models.TextChoices):
        ENTITY = "entity", _("Market entity")
        PROJECT = "project", _("Trading project")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    entity = models.OneToOneField(MarketEntity, models.CASCADE, null=True, blank=True,
                                  related_name="inspection_target", verbose_name=_("market entity"))
    project = models.OneToOneField(TradingProject, models.CASCADE, null=True, blank=True,
                                   related_name="inspection_target", verbose_name=_("trading project"))
    department = models.ForeignKey(Department, models.PROTECT, related_name="inspection_targets",
                                   verbose_name=_("supervising department"))
    industry = models.CharField(_("industry"), max_length=100, blank=True)
    risk_grade = models.CharField(_("risk grade"), max_length=1, choices=RiskGrade.choices, default=RiskGrade.B)
    forced_complaint = models.BooleanField(
        _("substantiated complaint"), default=False,
        help_text=_("Always inspected: a complaint or report against it was substantiated."))
    forced_lead = models.BooleanField(
        _("monitoring lead"), default=False,
        help_text=_("Always inspected: an integrity-monitoring lead points at it."))
    forced_note = models.CharField(_("reason for forced inclusion"), max_length=200, blank=True)
    last_inspected_on = models.DateField(_("last inspected on"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["department__code", "kind", "id"]
        verbose_name = _("inspection target")
        verbose_name_plural = _("inspection targets")
        constraints = [
            models.CheckConstraint(
                name="inspection_target_one_subject",
                condition=(models.Q(kind="entity", entity__isnull=False, project__isnull=True)
                           | models.Q(kind="project", project__isnull=False, entity__isnull=True)),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def subject(self):
        return self.entity if self.kind == self.Kind.ENTITY else self.project

    @property
    def name(self) -> str:
        subject = self.subject
        return subject.name if subject is not None else ""

    @property
    def target_id(self) -> str:
        """Public identifier in draw snapshots: E:<credit code> or P:<project code>."""
        if self.kind == self.Kind.ENTITY:
            return f"E:{self.entity.code}"
        return f"P:{self.project.code}"

    @property
    def is_forced(self) -> bool:
        return self.forced_complaint or self.forced_lead

    def clean(self):
        if self.kind == self.Kind.ENTITY and not self.entity_id:
            raise ValidationError({"entity": _("Choose the market entity.")})
        if self.kind == self.Kind.PROJECT and not self.project_id:
            raise ValidationError({"project": _("Choose the trading project.")})
        if self.kind == self.Kind.ENTITY:
            self.project = None
        if self.kind == self.Kind.PROJECT:
            self.entity = None


class Inspector(models.Model):
    """An entry of the inspector directory (执法检查人员名录库)."""

    staff = models.OneToOneField(StaffProfile, models.CASCADE, related_name="inspector",
                                 verbose_name=_("staff member"))
    certificate_no = models.CharField(_("enforcement certificate no."), max_length=32, unique=True,
                                      validators=[code_validator])
    certificate_valid_until = models.DateField(_("certificate valid until"), null=True, blank=True)
    person_id_hash = models.CharField(
        _("person ID index"), max_length=64, blank=True, editable=False,
        help_text=_("Keyed hash (HMAC) of the inspector's ID number, matched against entity relations."))
    person_id_sealed = models.TextField(_("sealed person ID"), blank=True, editable=False)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["staff__department__code", "certificate_no"]
        verbose_name = _("inspector")
        verbose_name_plural = _("inspectors")

    def __str__(self):
        return f"{self.staff.full_name} ({self.certificate_no})"

    @property
    def department(self):
        return self.staff.department


class InspectorTie(models.Model):
    """A declared fact that can make an inspector step aside (回避): a former employer, a relative
    (matched through entity relations by ID hash) or any other declared interest."""

    class Kind(models.TextChoices):
        FORMER_EMPLOYER = "former_employer", _("Former employer")
        RELATIVE = "relative", _("Relative")
        DECLARED_INTEREST = "declared_interest", _("Declared interest")

    inspector = models.ForeignKey(Inspector, models.CASCADE, related_name="ties", verbose_name=_("inspector"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    entity = models.ForeignKey(MarketEntity, models.CASCADE, null=True, blank=True, related_name="inspector_ties",
                               verbose_name=_("market entity"))
    relative_name = models.CharField(_("relative's name"), max_length=50, blank=True)
    relative_id_hash = models.CharField(
        _("relative's ID index"), max_length=64, blank=True, editable=False,
        help_text=_("Keyed hash (HMAC) of the relative's ID number; matches legal representatives, managers "
                    "and shareholders."))
    relative_id_sealed = models.TextField(_("relative's sealed ID"), blank=True, editable=False)
    note = models.CharField(_("note"), max_length=200, blank=True)
    declared_on = models.DateField(_("declared on"), auto_now_add=True)

    class Meta:
        ordering = ["inspector", "kind"]
        verbose_name = _("conflict declaration")
        verbose_name_plural = _("conflict declarations")

    def __str__(self):
        return f"{self.inspector} · {self.get_kind_display()}"

    def clean(self):
        if self.kind == self.Kind.RELATIVE and not (self.relative_id_hash or self.entity_id):
            raise ValidationError(_("For a relative give the relative's ID number or the entity concerned."))
        if self.kind != self.Kind.RELATIVE and not self.entity_id:
            raise ValidationError({"entity": _("Choose the entity this declaration concerns.")})
        if self.relative_id_hash and len(self.relative_id_hash) != 64:
            raise ValidationError({"relative_id_hash": _("An ID hash has 64 hexadecimal digits.")})
