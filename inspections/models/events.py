"""Append-only audit trails of plans, inspections and targets (portal.audit.AuditEvent)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from inspections.models.directories import InspectionTarget
from inspections.models.inspection import Inspection
from inspections.models.plans import InspectionPlan
from portal.audit import AuditEvent, append_only_triggers


class PlanEvent(AuditEvent):
    subject_field = "plan"

    plan = models.ForeignKey(InspectionPlan, models.PROTECT, related_name="events", verbose_name=_("plan"))

    class Meta(AuditEvent.Meta):
        verbose_name = _("plan event")
        verbose_name_plural = _("plan events")
        triggers = append_only_triggers("inspections_planevent")


class InspectionEvent(AuditEvent):
    subject_field = "inspection"

    inspection = models.ForeignKey(Inspection, models.PROTECT, related_name="events", verbose_name=_("inspection"))

    class Meta(AuditEvent.Meta):
        verbose_name = _("inspection event")
        verbose_name_plural = _("inspection events")
        triggers = append_only_triggers("inspections_inspectionevent")


class TargetEvent(AuditEvent):
    subject_field = "target"

    target = models.ForeignKey(InspectionTarget, models.PROTECT, related_name="events", verbose_name=_("target"))

    class Meta(AuditEvent.Meta):
        verbose_name = _("target event")
        verbose_name_plural = _("target events")
        triggers = append_only_triggers("inspections_targetevent")
