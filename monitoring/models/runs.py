from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from monitoring.models.choices import RunState, RunTrigger


class ScreenRun(models.Model):
    """One run of the screens over the trading data: when, over what, with which parameters,
    what it found and how long it took. Written only by monitoring.services.runs."""

    trigger = models.CharField(_("started by"), max_length=20, choices=RunTrigger.choices)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=pgettext_lazy("monitoring run", "requested by"))
    state = models.CharField(_("state"), max_length=20, choices=RunState.choices, default=RunState.QUEUED)
    created_at = models.DateTimeField(pgettext_lazy("monitoring run", "requested at"), auto_now_add=True)
    started_at = models.DateTimeField(pgettext_lazy("job run", "started at"), null=True, blank=True)
    finished_at = models.DateTimeField(pgettext_lazy("job run", "finished at"), null=True, blank=True)
    duration_seconds = models.FloatField(_("duration (s)"), null=True, blank=True)
    # Data extent: how much trading data the run looked at.
    project_count = models.PositiveIntegerField(_("tenders"), default=0)
    bid_count = models.PositiveIntegerField(_("bids"), default=0)
    bidder_count = models.PositiveIntegerField(_("bidders"), default=0)
    data_from = models.DateField(_("data from"), null=True, blank=True)
    data_until = models.DateField(_("data until"), null=True, blank=True)
    parameters = models.JSONField(_("parameters used"), default=dict, blank=True)
    # {screen code: {"flagged": n, "created": n, "updated": n, "unchanged": n, "seconds": s}}
    counts = models.JSONField(_("counts per screen"), default=dict, blank=True)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    progress_note = models.CharField(_("current step"), max_length=200, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("screen run")
        verbose_name_plural = _("screen runs")
        permissions = [("run_screens", _("Can start a screen run"))]

    def __str__(self):
        return f"#{self.pk} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_finished(self) -> bool:
        return self.state in (RunState.SUCCEEDED, RunState.FAILED)
