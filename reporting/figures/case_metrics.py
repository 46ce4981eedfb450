"""Case metrics (DESIGN §3, §5). Each counts on its own date: received on received_at, accepted on
accepted_at; every decision, met period and rating on its own record (cases.models.history: a
re-handled case's first decision and first rating stay in their quarter); refusals, withdrawals,
transfers and re-handling on the time of the audit event that recorded them; overdue as at the
period's last day from the history of each case's deadline."""

import datetime as dt
from decimal import Decimal

from django.db import connection
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cases.models import (
    Case,
    CaseEvent,
    Channel,
    DeadlineSpan,
    DecisionRecord,
    Kind,
    Measure,
    RatingRecord,
    State,
    SupervisionNotice,
)
from cases.models.choices import SUBSTANTIATED_OUTCOMES
from reporting.figures.decisions import figure
from reporting.figures.registry import DAYS, HANDLING, MONEY, OUTCOMES, RATIO, SUPERVISION, metric
from reporting.figures.scope import TOTAL

PENALTY_MEASURES = (
    Measure.WARNING, Measure.FINE, Measure.CONFISCATION, Measure.SUSPEND_TRADING, Measure.DISQUALIFICATION,
    Measure.BAD_RECORD,
)
REFERRAL_MEASURES = (Measure.TRANSFER_DISCIPLINE, Measure.TRANSFER_POLICE, Measure.TRANSFER_AUDIT)
# The deadlines the office supervises (cases.deadlines.SUPERVISED_DEADLINES).
SUPERVISED_DEADLINES = ("acceptance", "decision", "reply")


def _has_any_measure(measures) -> Q:
    if connection.vendor == "postgresql":
        # jsonb `?|`: any of these strings is an element of the list. Matching the list's text
        # instead cost 1.9 s of a 2 s pass over four years of decisions (docs/PERFORMANCE.md).
        return Q(measures__has_any_keys=list(measures))
    # SQLite: a text match on the JSON list ("fine" is quoted, so it does not match inside
    # another code); its has_any_keys reads object keys, not list elements.
    query = Q()
    for measure in measures:
        query |= Q(measures__icontains=f'"{measure}"')
    return query


EVENT_FIELD = "case__department_id"


def _ratio(numerators: dict, denominators: dict) -> dict:
    return {key: [numerators.get(key, 0), denominator] for key, denominator in denominators.items()}


# --- cases received: one query for the total, every kind and every channel ---------------------
def _received(scope) -> dict:
    aggregates = {"all": Count("pk")}
    aggregates.update({f"kind_{k.value}": Count("pk", filter=Q(kind=k.value)) for k in Kind})
    aggregates.update({f"channel_{c.value}": Count("pk", filter=Q(channel=c.value)) for c in Channel})
    return scope.cohort("received", Case.objects.all(), "received_at", **aggregates)


@metric("received", _("Cases received"), trend=True, headline=True)
def received(scope):
    return _received(scope)["all"]


def _received_part(part: str):
    def compute(scope):
        return _received(scope)[part]

    return compute


for _kind in Kind:
    metric(f"received_kind_{_kind.value}", _kind.label)(_received_part(f"kind_{_kind.value}"))
for _channel in Channel:
    metric(f"received_channel_{_channel.value}", _channel.label)(_received_part(f"channel_{_channel.value}"))


@metric("accepted", pgettext_lazy("case count", "Accepted"))
def accepted(scope):
    return scope.cohort("accepted", Case.objects.all(), "accepted_at", n=Count("pk"))["n"]


# --- transitions recorded in the audit trail: one query ----------------------------------------
def _events(scope) -> dict:
    reopened = Q(from_state=State.REPLIED, to_state=State.INVESTIGATING)
    wanted = Q(to_state__in=(State.REJECTED, State.WITHDRAWN, State.TRANSFERRED)) | reopened
    return scope.cohort(
        "events", CaseEvent.objects.filter(wanted), "created_at", dept_field=EVENT_FIELD,
        rejected=Count("pk", filter=Q(to_state=State.REJECTED)),
        withdrawn=Count("pk", filter=Q(to_state=State.WITHDRAWN)),
        transferred=Count("pk", filter=Q(to_state=State.TRANSFERRED)),
        reopened=Count("pk", filter=reopened),
    )


@metric("rejected", pgettext_lazy("case count", "Not accepted"))
def rejected(scope):
    return _events(scope)["rejected"]


@metric("withdrawn", pgettext_lazy("case count", "Withdrawn"))
def withdrawn(scope):
    return _events(scope)["withdrawn"]


@metric("transferred", pgettext_lazy("case count", "Transferred to another authority"))
def transferred(scope):
    return _events(scope)["transferred"]


# --- decisions: one query for counts and outcomes, one pass for timeliness --------------------
# Suggestions are never substantiated or not: the substantiated rate counts complaints and reports.
JUDGED_KINDS = (Kind.COMPLAINT, Kind.REPORT)


def _decided(scope) -> dict:
    judged = ~Q(outcome="") & Q(kind__in=JUDGED_KINDS)
    substantiated = Q(outcome__in=SUBSTANTIATED_OUTCOMES) & Q(kind__in=JUDGED_KINDS)
    per_kind = {}
    for kind in JUDGED_KINDS:
        per_kind[f"judged_{kind}"] = Count("pk", filter=judged & Q(kind=kind))
        per_kind[f"substantiated_{kind}"] = Count("pk", filter=substantiated & Q(kind=kind))
    return scope.cohort(
        "decided", DecisionRecord.objects.all(), "decided_at",
        n=Count("pk"),
        judged=Count("pk", filter=judged),
        substantiated=Count("pk", filter=substantiated),
        penalties=Count("pk", filter=_has_any_measure(PENALTY_MEASURES)),
        referred=Count("pk", filter=_has_any_measure(REFERRAL_MEASURES)),
        fines=Sum("fine_amount"),
        **per_kind,
    )


@metric("decided", pgettext_lazy("statistics", "Decided"), trend=True, headline=True)
def decided(scope):
    return _decided(scope)["n"]


@metric("on_time_rate", _("Decided on time"), unit=RATIO, section=HANDLING, trend=True, headline=True,
        help_text=_("Decisions (for suggestions: replies) made on or before the case's due date; suspensions and "
                    "approved extensions move the due date. Each round of handling counts on its own."))
def on_time_rate(scope):
    return _ratio(figure(scope, "num"), figure(scope, "den"))


@metric("median_days", _("Median working days to decision, from the statutory start"), unit=DAYS, section=HANDLING,
        trend=True, headline=True,
        help_text=_("Counted from each rule set's statutory start: acceptance for tendering complaints and reports, "
                    "receipt for procurement complaints, receipt to the reply for suggestions; suspensions left out."))
def median_days(scope):
    return figure(scope, "p50")


@metric("p90_days", _("90th percentile of working days to decision, from the statutory start"), unit=DAYS,
        section=HANDLING)
def p90_days(scope):
    return figure(scope, "p90")


@metric("open_overdue", _("Open and overdue at the end of the period"), section=HANDLING, headline=True,
        help_text=_("Cases that were open on the period's last day (or today) with an acceptance, decision or "
                    "feedback deadline already past, as the case history stood on that day."))
def open_overdue(scope):
    if scope.by != "department":
        return {TOTAL: None}
    as_of = min(scope.period.last, scope.today)
    cut = timezone.make_aware(dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time()))
    overdue = DeadlineSpan.objects.filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=cut),
        deadline__in=SUPERVISED_DEADLINES, due_on__lt=as_of, valid_from__lt=cut,
    )
    return scope.cohort("open_overdue", overdue, None, n=Count("pk"))["n"]


def _notices(scope) -> dict:
    return scope.cohort(
        "notices", SupervisionNotice.objects.all(), "issued_at", dept_field=EVENT_FIELD,
        notices=Count("pk", filter=Q(level=SupervisionNotice.Level.NOTICE)),
        escalations=Count("pk", filter=Q(level=SupervisionNotice.Level.ESCALATION)),
    )


@metric("supervision_notices", _("Supervision notices"), section=SUPERVISION)
def supervision_notices(scope):
    return _notices(scope)["notices"]


@metric("escalations", _("Escalations to the commission"), section=SUPERVISION)
def escalations(scope):
    return _notices(scope)["escalations"]


@metric("substantiated_rate", _("Substantiated or partly substantiated"), unit=RATIO, section=OUTCOMES,
        help_text=_("Of the decided complaints and reports; suggestions are not judged."))
def substantiated_rate(scope):
    return _ratio(_decided(scope)["substantiated"], _decided(scope)["judged"])


@metric("substantiated_rate_complaint", _("Complaints substantiated or partly substantiated"), unit=RATIO,
        section=OUTCOMES)
def substantiated_rate_complaint(scope):
    return _ratio(_decided(scope)[f"substantiated_{Kind.COMPLAINT}"], _decided(scope)[f"judged_{Kind.COMPLAINT}"])


@metric("substantiated_rate_report", _("Reports substantiated or partly substantiated"), unit=RATIO, section=OUTCOMES)
def substantiated_rate_report(scope):
    return _ratio(_decided(scope)[f"substantiated_{Kind.REPORT}"], _decided(scope)[f"judged_{Kind.REPORT}"])


@metric("satisfaction_rate", _("Satisfied filers"), unit=RATIO, section=OUTCOMES, headline=True,
        help_text=_("Of the ratings given in the period, every rating counted (a dissatisfied first rating "
                    "stays counted when the filer rates the re-handled case again); no answer is not counted."))
def satisfaction_rate(scope):
    return scope.ratio(RatingRecord.objects.all(), "rated_at", Q(satisfied=True))


@metric("rehandled", _("Re-handled after dissatisfaction"), section=OUTCOMES)
def rehandled(scope):
    return _events(scope)["reopened"]


@metric("penalties", _("Decisions with an administrative penalty"), section=OUTCOMES)
def penalties(scope):
    return _decided(scope)["penalties"]


@metric("fines_total", _("Fines imposed (yuan)"), unit=MONEY, section=OUTCOMES)
def fines_total(scope):
    return {key: f"{Decimal(value):.2f}" for key, value in _decided(scope)["fines"].items()}


@metric("referrals", _("Referrals to other authorities"), section=OUTCOMES,
        help_text=_("Cases transferred out plus decisions that refer the matter to the discipline commission, police or audit office."))
def referrals(scope):
    transferred_out, referred = _events(scope)["transferred"], _decided(scope)["referred"]
    return {key: transferred_out.get(key, 0) + referred.get(key, 0) for key in transferred_out.keys() | referred.keys()}
