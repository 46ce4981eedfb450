from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.audit import AppendOnlyModel, append_only_triggers


class QuarterlySnapshot(AppendOnlyModel):
    """A quarter's figures as frozen when its report was drafted. Never updated or deleted
    (a database trigger refuses it on PostgreSQL), so published numbers do not move when old
    cases are edited later."""

    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    quarter = models.PositiveSmallIntegerField(_("quarter"), validators=[MinValueValidator(1), MaxValueValidator(4)])
    data = models.JSONField(_("figures"))
    created_at = models.DateTimeField(_("frozen at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("frozen by"),
    )

    class Meta:
        ordering = ["-year", "-quarter"]
        verbose_name = _("quarterly snapshot")
        verbose_name_plural = _("quarterly snapshots")
        triggers = append_only_triggers("quarterly_snapshot")
        permissions = [("view_statistics", _("See the statistics dashboard and export its tables"))]
        constraints = [models.UniqueConstraint(fields=["year", "quarter"], name="uniq_quarterly_snapshot")]

    def __str__(self):
        return _("%(year)s Q%(quarter)s, frozen %(frozen)s") % {
            "year": self.year, "quarter": self.quarter,
            "frozen": timezone.localtime(self.created_at).strftime("%Y-%m-%d %H:%M") if self.created_at else "—",
        }
