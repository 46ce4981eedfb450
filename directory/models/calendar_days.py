from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarDay(models.Model):
    """A local override of the official calendar, or one day of a loaded State Council schedule."""

    date = models.DateField(_("date"), unique=True)
    is_workday = models.BooleanField(_("working day"))
    note = models.CharField(_("note"), max_length=100, blank=True, help_text=_("e.g. National Day, make-up working day"))

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.note}".strip()


class CalendarYear(models.Model):
    """Marks a year whose State Council holiday schedule the office has loaded."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now=True)
    source = models.CharField(_("source"), max_length=200, blank=True, help_text=_("e.g. the State Council notice number"))

    class Meta:
        ordering = ["-year"]
        verbose_name = _("loaded calendar year")
        verbose_name_plural = _("loaded calendar years")

    def __str__(self):
        return str(self.year)
