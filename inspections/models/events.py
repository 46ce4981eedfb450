"""Append-only audit trails of plans, inspections and targets."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from inspections.models.directories import InspectionTarget
from inspections.models.inspection import Inspection
from inspections.models.plans import InspectionPlan
from portal.audit import AppendOnlyModel, append_only_triggers


class EventBase(AppendOnlyModel):
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+",
                              verbose_name=_("actor"))
    action = models.CharField(_("action"), max_length=40)
    from_state = models.CharField(_("from state"), max_length=30, blank=True)
    to_state = models.CharField(_("to state"), max_length=30, blank=True)
    note = models.TextField(_("note"), blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"


class PlanEvent(EventBase):
    plan = models.ForeignKey(InspectionPlan, models.PROTECT, related_name="events", verbose_name=_("plan"))

    class Meta(EventBase.Meta):
        verbose_name = _("plan event")
        verbose_name_plural = _("plan events")
        triggers = append_only_triggers("inspections_planevent")


class InspectionEvent(EventBase):
    inspection = models.ForeignKey(Inspection, models.PROTECT, related_name="events", verbose_name=_("inspection"))

    class Meta(EventBase.Meta):
        verbose_name = _("inspection event")
        verbose_name_plural = _("inspection events")
        triggers = append_only_triggers("inspections_inspectionevent")


class TargetEvent(EventBase):
    target = models.ForeignKey(InspectionTarget, models.PROTECT, related_name="events", verbose_name=_("target"))

    class Meta(EventBase.Meta):
        verbose_name = _("target event")
        verbose_name_plural = _("target events")
        triggers = append_only_triggers("inspections_targetevent")
