"""Inspection metrics (DESIGN §4), per supervising department of the inspected target.
Planned: drawn targets of plans whose period ends in the reporting period; done, problems and
rectification on the inspection's own dates; published on time against its publication due date."""

from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from inspections.models import Inspection, Outcome
from reporting.figures.registry import INSPECTIONS, RATIO, metric

DEPARTMENT = "target__department_id"


@metric("inspections_planned", _("Inspections planned"), section=INSPECTIONS)
def inspections_planned(scope):
    return scope.count(Inspection.objects.all(), "plan__period_end", dept_field=DEPARTMENT)


@metric("inspections_done", _("Inspections done"), section=INSPECTIONS, headline=True)
def inspections_done(scope):
    return scope.count(Inspection.objects.exclude(ended_on=None), "ended_on", dept_field=DEPARTMENT)


@metric("inspection_problem_rate", _("Inspections that found problems"), unit=RATIO, section=INSPECTIONS)
def inspection_problem_rate(scope):
    with_result = Inspection.objects.exclude(outcome="")
    return scope.ratio(with_result, "ended_on", ~Q(outcome=Outcome.NO_ISSUE), dept_field=DEPARTMENT)


@metric("inspections_rectified", _("Rectifications verified"), section=INSPECTIONS)
def inspections_rectified(scope):
    verified = Inspection.objects.exclude(rectification_verified_on=None)
    return scope.count(verified, "rectification_verified_on", dept_field=DEPARTMENT)


@metric("inspections_published_on_time", _("Results published on time"), unit=RATIO, section=INSPECTIONS,
        help_text=_("Results published in the period within 20 working days of the inspection's end."))
def inspections_published_on_time(scope):
    published = Inspection.objects.exclude(published_on=None)
    on_time = Q(publish_due__isnull=False, published_on__lte=F("publish_due"))
    return scope.ratio(published, "published_on", on_time, dept_field=DEPARTMENT)
