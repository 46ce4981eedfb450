"""Monitoring-lead metrics (DESIGN §5): leads raised by the screens, and what the office made of
them, each counted on the time of the lead event that recorded it, per the lead's department."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from monitoring.models import LeadEvent, LeadState
from reporting.figures.registry import MONITORING, metric

FOUND = "found"  # monitoring.services.leads: the event of a lead's first finding
OUTCOMES = (LeadState.CONVERTED, LeadState.RISK_RAISED, LeadState.DISMISSED)


def _leads(scope) -> dict:
    events = LeadEvent.objects.filter(Q(action=FOUND) | Q(to_state__in=OUTCOMES))
    return scope.cohort(
        "leads", events, "created_at", dept_field="lead__department_id",
        raised=Count("pk", filter=Q(action=FOUND)),
        converted=Count("pk", filter=Q(to_state=LeadState.CONVERTED)),
        risk_raised=Count("pk", filter=Q(to_state=LeadState.RISK_RAISED)),
        dismissed=Count("pk", filter=Q(to_state=LeadState.DISMISSED)),
    )


@metric("leads_raised", _("Monitoring leads raised"), section=MONITORING, trend=True,
        help_text=_("Leads the bid-rigging screens found for the first time in the period."))
def leads_raised(scope):
    return _leads(scope)["raised"]


@metric("leads_converted", _("Leads converted to cases"), section=MONITORING)
def leads_converted(scope):
    return _leads(scope)["converted"]


@metric("leads_risk_raised", _("Leads that raised a risk grade"), section=MONITORING)
def leads_risk_raised(scope):
    return _leads(scope)["risk_raised"]


@metric("leads_dismissed", _("Leads dismissed"), section=MONITORING)
def leads_dismissed(scope):
    return _leads(scope)["dismissed"]
