"""Reads of leads and runs, with the visibility rules applied. Views and exports use only these."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from monitoring.models import Lead, LeadState, ScreenRun

VIEW_ALL = "monitoring.view_all_leads"
VIEW = "monitoring.view_lead"


def visible_leads(user) -> QuerySet[Lead]:
    """Office supervisors and auditors: every lead. Department heads: their department's leads.
    Everyone else (inspectors, editors, the public): none."""
    leads = Lead.objects.all()
    if user is None or not user.is_authenticated or not user.is_active:
        return leads.none()
    if user.has_perm(VIEW_ALL):
        return leads
    profile = getattr(user, "staff_profile", None)
    if profile is None or not user.has_perm(VIEW):
        return leads.none()
    return leads.filter(department_id=profile.department_id)


def can_see(user, lead: Lead) -> bool:
    return visible_leads(user).filter(pk=lead.pk).exists()


def get_visible_lead(user, pk) -> Lead:
    lead = visible_leads(user).select_related("department", "case").filter(pk=pk).first()
    if lead is None:
        raise Http404(_("No such lead, or it is not visible to you."))
    return lead


def lead_metrics(*, user=None, start=None, end=None, department=None) -> list[dict]:
    """Leads found per department and screen (optionally between two dates), with what became of
    them: for the statistics pages. With a user, only what that user may see."""
    leads = visible_leads(user) if user is not None else Lead.objects.all()
    if start:
        leads = leads.filter(created_at__date__gte=start)
    if end:
        leads = leads.filter(created_at__date__lte=end)
    if department is not None:
        leads = leads.filter(department=department)
    return list(leads.values("department_id", "screen").annotate(
        found=Count("id"),
        open=Count("id", filter=Q(state__in=[LeadState.NEW, LeadState.REVIEWING])),
        dismissed=Count("id", filter=Q(state=LeadState.DISMISSED)),
        converted=Count("id", filter=Q(state=LeadState.CONVERTED)),
        risk_raised=Count("id", filter=Q(state=LeadState.RISK_RAISED)),
    ).order_by("department_id", "screen"))


def recent_runs(limit: int = 20) -> QuerySet[ScreenRun]:
    return ScreenRun.objects.all()[:limit]
