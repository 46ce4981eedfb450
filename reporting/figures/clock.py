"""Working-day arithmetic for the decision deadline, done inside SQL with the working-day index.

The policy is cases.clock's (one definition; tests hold this SQL to its Python twin): the decision period counts from the day after acceptance (or after
receipt / the last supplement, `counted_from`, for rules that count from receipt), re-handling
after dissatisfaction starts a fresh period on the day the case was reopened, a suspension takes
the working days after the day it began up to and including the day it ended off the clock, and
each approved extension of the decision deadline adds its working days to the allowance.
"""

from django.db.models import Case as CaseWhen
from django.db.models import F, IntegerField, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce, Greatest, Least, TruncDate
from django.utils import timezone

from cases.clock import DECISION_EXTENSIONS, PAUSES_NOT_STOPPING_DECISION, REOPENING, decision_rules
from cases.models import CaseEvent, ExtensionRequest, PausedInterval
from reporting.models import WorkdayIndex


def ordinal_on(date_ref) -> Subquery:
    """Working days up to and including the given date (an OuterRef or expression)."""
    return Subquery(WorkdayIndex.objects.filter(date=date_ref).values("ordinal")[:1], output_field=IntegerField())


def with_decision_clock(cases):
    """Annotate decided cases with `wd_used` (working days the decision took, suspensions left
    out) and `wd_allowed` (the statutory period plus approved extensions; NULL when the rules set
    no decision period)."""
    tz = timezone.get_default_timezone()
    policies = decision_rules()
    from_acceptance = [track for track, (_days, from_acc) in policies.items() if from_acc]
    reopened = (
        CaseEvent.objects.filter(case=OuterRef("pk"), created_at__lt=OuterRef("decided_at"), **REOPENING)
        .order_by("-created_at")
        .annotate(day=TruncDate("created_at", tzinfo=tz))
        .values("day")[:1]
    )
    suspended_days = (
        PausedInterval.objects.filter(case=OuterRef("pk"))
        .exclude(reason__in=PAUSES_NOT_STOPPING_DECISION)
        .annotate(
            ord_began=ordinal_on(OuterRef("started_on")),
            ord_ended=Coalesce(ordinal_on(OuterRef("ended_on")), OuterRef("ord_end")),
        )
        .annotate(days=Greatest(
            Value(0), Least(F("ord_ended"), OuterRef("ord_end")) - Greatest(F("ord_began"), OuterRef("ord_start")),
        ))
        .order_by()
        .values("case")
        .annotate(total=Sum("days"))
        .values("total")
    )
    extended = (
        ExtensionRequest.objects.filter(case=OuterRef("pk"), **DECISION_EXTENSIONS)
        .order_by()
        .values("case")
        .annotate(total=Sum("workdays"))
        .values("total")
    )
    period_workdays = [
        When(deadline_track=track, then=Value(days)) for track, (days, _from_acc) in policies.items() if days is not None
    ]
    return (
        cases.annotate(
            received_on=TruncDate("received_at", tzinfo=tz),
            accepted_on=TruncDate("accepted_at", tzinfo=tz),
            decided_on=TruncDate("decided_at", tzinfo=tz),
            # Only re-handled cases can have been reopened; the look-up is skipped for the others.
            reopened_on=CaseWhen(When(rehandled=True, then=Subquery(reopened)), default=None),
        )
        .annotate(clock_start=Coalesce(
            F("reopened_on"),
            CaseWhen(When(deadline_track__in=from_acceptance, then=F("accepted_on")),
                  default=Coalesce(F("counted_from"), F("received_on"))),
        ))
        .annotate(ord_start=ordinal_on(OuterRef("clock_start")), ord_end=ordinal_on(OuterRef("decided_on")))
        .annotate(
            wd_used=F("ord_end") - F("ord_start")
            - Coalesce(Subquery(suspended_days, output_field=IntegerField()), Value(0)),
            wd_allowed=CaseWhen(*period_workdays, default=None, output_field=IntegerField())
            + Coalesce(Subquery(extended, output_field=IntegerField()), Value(0)),
        )
    )


ON_TIME = Q(wd_used__lte=F("wd_allowed"))
