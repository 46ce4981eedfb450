from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkdayIndex(models.Model):
    """One row per calendar date with running working-day counts, so that working days between two
    dates is a difference of two looked-up numbers inside SQL (reporting.workdays builds it from
    directory.calendar). `ordinal` counts working days up to and including `date`;
    `ordinal_before` counts those strictly before it."""

    date = models.DateField(_("date"), primary_key=True)
    is_workday = models.BooleanField(_("working day"))
    ordinal = models.PositiveIntegerField(_("working days up to this date"))
    ordinal_before = models.PositiveIntegerField(_("working days before this date"))

    class Meta:
        ordering = ["date"]
        verbose_name = _("working-day index entry")
        verbose_name_plural = _("working-day index")

    def __str__(self):
        return f"{self.date:%Y-%m-%d} #{self.ordinal}"


class WorkdayIndexState(models.Model):
    """The single row describing what the index was built from; a different fingerprint of the
    calendar (overrides, loaded years, package data) or a range not covered triggers a rebuild."""

    first = models.DateField(_("first date"))
    last = models.DateField(_("last date"))
    fingerprint = models.CharField(_("calendar fingerprint"), max_length=64)
    built_at = models.DateTimeField(_("built at"), auto_now=True)

    class Meta:
        verbose_name = _("working-day index state")
        verbose_name_plural = _("working-day index state")

    def __str__(self):
        return f"{self.first}–{self.last}"
