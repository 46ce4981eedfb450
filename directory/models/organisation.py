from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

code_validator = RegexValidator(
    r"^[A-Za-z0-9_-]+$", _("Use letters, digits, hyphens or underscores only.")
)


class Department(models.Model):
    class Kind(models.TextChoices):
        SUPERVISING = "supervising", _("Supervising department")
        OFFICE = "office", _("Commission office")
        TRADING_CENTER = "trading_center", _("Trading center")
        OUTSIDE_BODY = "outside_body", _("Outside body")

    code = models.CharField(_("code"), max_length=32, unique=True, validators=[code_validator])
    name = models.CharField(_("name"), max_length=100, unique=True)
    short_name = models.CharField(_("short name"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SUPERVISING)
    industry = models.CharField(_("industry supervised"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self):
        return self.name


class Grid(models.Model):
    """A supervision grid (监管网格): one department's share of an area or industry."""

    code = models.CharField(_("code"), max_length=32, unique=True, validators=[code_validator])
    name = models.CharField(_("name"), max_length=100)
    department = models.ForeignKey(
        Department, models.PROTECT, related_name="grids", verbose_name=_("department")
    )
    area = models.CharField(_("area"), max_length=100, blank=True)
    industry = models.CharField(_("industry"), max_length=100, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["department__code", "code"]
        verbose_name = _("grid")
        verbose_name_plural = _("grids")

    def __str__(self):
        return f"{self.department.short_name or self.department.name} · {self.name}"


class StaffProfile(models.Model):
    """Links a user account to a department (and grid); roles are the user's groups."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="staff_profile", verbose_name=_("user")
    )
    employee_no = models.CharField(_("employee number"), max_length=32, unique=True, validators=[code_validator])
    full_name = models.CharField(_("full name"), max_length=50)
    department = models.ForeignKey(
        Department, models.PROTECT, related_name="staff", verbose_name=_("department")
    )
    grid = models.ForeignKey(
        Grid, models.SET_NULL, null=True, blank=True, related_name="staff", verbose_name=_("grid")
    )
    title = models.CharField(_("position"), max_length=50, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_grid_supervisor = models.BooleanField(_("grid supervisor"), default=False)

    class Meta:
        ordering = ["department__code", "employee_no"]
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")

    def __str__(self):
        return f"{self.full_name} ({self.department})"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.grid_id and self.department_id and self.grid.department_id != self.department_id:
            raise ValidationError({"grid": _("The grid belongs to another department.")})
