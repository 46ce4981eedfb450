from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from directory.models import Department, TradingProject
from monitoring.models.choices import RunState


class OcdsRelease(models.Model):
    """The OCDS release last imported for a contracting process (ocid): what makes a re-import
    idempotent and lets a newer release update the tender it created."""

    ocid = models.CharField(_("OCDS ocid"), max_length=128, unique=True)
    release_id = models.CharField(_("OCDS release id"), max_length=128)
    release_date = models.DateTimeField(_("release date"))
    project = models.OneToOneField(TradingProject, models.CASCADE, related_name="ocds_release",
                                   verbose_name=_("project"))
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)

    class Meta:
        ordering = ["ocid"]
        verbose_name = _("OCDS release")
        verbose_name_plural = _("OCDS releases")

    def __str__(self):
        return f"{self.ocid} ({self.release_id})"


class TradingImport(models.Model):
    """A back-office upload of trading data and the progress of its import (a Celery task).
    Written only by monitoring.services.imports."""

    class Kind(models.TextChoices):
        AUTO = "auto", _("Recognise from the file")
        OCDS = "ocds", _("OCDS release package (JSON)")
        ENTITIES = "entities", _("Market entities")
        RELATIONS = "relations", _("Entity relations")
        PROJECTS = "projects", _("Trading projects")
        BIDS = "bids", _("Bids")
        AWARDS = "awards", _("Awards")

    class Mode(models.TextChoices):
        ALL_OR_NOTHING = "all_or_nothing", _("Import nothing if any row is wrong")
        GOOD_ROWS_ONLY = "good_rows_only", _("Import the good rows, skip the bad ones")

    file = models.FileField(_("file"), upload_to="monitoring/imports/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(_("content"), max_length=20, choices=Kind.choices, default=Kind.AUTO)
    mode = models.CharField(_("if rows are wrong"), max_length=20, choices=Mode.choices,
                            default=Mode.ALL_OR_NOTHING)
    default_department = models.ForeignKey(
        Department, models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("default supervising department"),
    )
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("uploaded by"))
    state = models.CharField(_("state"), max_length=20, choices=RunState.choices, default=RunState.QUEUED)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    started_at = models.DateTimeField(pgettext_lazy("job run", "started at"), null=True, blank=True)
    finished_at = models.DateTimeField(pgettext_lazy("job run", "finished at"), null=True, blank=True)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    rows_done = models.PositiveIntegerField(_("rows read"), default=0)
    report = models.JSONField(_("report"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("trading data import")
        verbose_name_plural = _("trading data imports")
        permissions = [("import_trading_data", _("Can import trading data"))]

    def __str__(self):
        return f"{self.original_name} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def is_finished(self) -> bool:
        return self.state in (RunState.SUCCEEDED, RunState.FAILED)
