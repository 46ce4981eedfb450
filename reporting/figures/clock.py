"""Working-day look-ups inside SQL through the working-day index (reporting.models.WorkdayIndex).

The decision clock itself is not computed here: each met period is recorded with its due date and
working days used by the case services (cases.models.TimelinessRecord, cases.deadlines), so the
statistics and the case page judge "on time" by one rule."""

from django.db.models import IntegerField, Subquery

from reporting.models import WorkdayIndex


def ordinal_on(date_ref) -> Subquery:
    """Working days up to and including the given date (an OuterRef or expression)."""
    return Subquery(WorkdayIndex.objects.filter(date=date_ref).values("ordinal")[:1], output_field=IntegerField())
