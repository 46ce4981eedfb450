"""Case metrics (DESIGN §3, §5). Each counts on its own date: received on received_at, accepted on
accepted_at, decided on decided_at; refusals, withdrawals, transfers and re-handling on the time
of the audit event that recorded them (cases keep no separate timestamp for those)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cases.models import Case, CaseEvent, Channel, Kind, Measure, Satisfaction, State, SupervisionNotice
from cases.models.choices import SUBSTANTIATED_OUTCOMES
from reporting.figures.clock import ON_TIME
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
    # Text match on the JSON list works on PostgreSQL and SQLite alike ("fine" is quoted, so it
    # does not match inside another code).
    query = Q()
    for measure in measures:
        query |= Q(measures__icontains=f'"{measure}"')
    return query


def _transitions_to(state: str):
    return CaseEvent.objects.filter(to_state=state)


@metric("received", _("Cases received"), trend=True, headline=True)
def received(scope):
    return scope.count(Case.objects.all(), "received_at")


def _received_of(field: str, value: str):
    def compute(scope):
        return scope.count(Case.objects.filter(**{field: value}), "received_at")

    return compute


for _kind in Kind:
    metric(f"received_kind_{_kind.value}", _kind.label)(_received_of("kind", _kind.value))
for _channel in Channel:
    metric(f"received_channel_{_channel.value}", _channel.label)(_received_of("channel", _channel.value))


@metric("accepted", _("Accepted"))
def accepted(scope):
    return scope.count(Case.objects.all(), "accepted_at")


@metric("rejected", _("Not accepted"))
def rejected(scope):
    return scope.count(_transitions_to(State.REJECTED), "created_at", dept_field="case__department_id")


@metric("decided", _("Decided"), trend=True, headline=True)
def decided(scope):
    return scope.count(Case.objects.all(), "decided_at")


@metric("withdrawn", _("Withdrawn"))
def withdrawn(scope):
    return scope.count(_transitions_to(State.WITHDRAWN), "created_at", dept_field="case__department_id")


@metric("transferred", _("Transferred to another authority"))
def transferred(scope):
    return scope.count(_transitions_to(State.TRANSFERRED), "created_at", dept_field="case__department_id")


@metric("on_time_rate", _("Decided on time"), unit=RATIO, section=HANDLING, trend=True, headline=True,
        help_text=_("Decisions within the statutory working-day period, suspensions and approved extensions honoured."))
def on_time_rate(scope):
    return scope.ratio(scope.decision_cohort.exclude(wd_allowed=None), "decided_at", ON_TIME)


@metric("median_days", _("Median working days to decision"), unit=DAYS, section=HANDLING, trend=True, headline=True)
def median_days(scope):
    return scope.decision_days[0.5]


@metric("p90_days", _("90th percentile of working days to decision"), unit=DAYS, section=HANDLING)
def p90_days(scope):
    return scope.decision_days[0.9]


@metric("open_overdue", _("Open and overdue"), section=HANDLING, headline=True,
        help_text=_("Cases now open whose current deadline passed before the end of the period (or today)."))
def open_overdue(scope):
    if scope.by != "department":
        return {TOTAL: None}
    as_of = min(scope.period.last, scope.today)
    overdue = Case.objects.filter(current_deadline__in=SUPERVISED_DEADLINES, current_due__lt=as_of)
    return scope.count(overdue, None)


@metric("supervision_notices", _("Supervision notices"), section=SUPERVISION)
def supervision_notices(scope):
    notices = SupervisionNotice.objects.filter(level=SupervisionNotice.Level.NOTICE)
    return scope.count(notices, "issued_at", dept_field="case__department_id")


@metric("escalations", _("Escalations to the commission"), section=SUPERVISION)
def escalations(scope):
    notices = SupervisionNotice.objects.filter(level=SupervisionNotice.Level.ESCALATION)
    return scope.count(notices, "issued_at", dept_field="case__department_id")


@metric("substantiated_rate", _("Substantiated or partly substantiated"), unit=RATIO, section=OUTCOMES)
def substantiated_rate(scope):
    with_outcome = Case.objects.exclude(outcome="")
    return scope.ratio(with_outcome, "decided_at", Q(outcome__in=SUBSTANTIATED_OUTCOMES))


@metric("satisfaction_rate", _("Satisfied filers"), unit=RATIO, section=OUTCOMES, headline=True,
        help_text=_("Of the filers who rated the feedback given in the period; no answer is not counted."))
def satisfaction_rate(scope):
    rated = Case.objects.filter(satisfaction__in=(Satisfaction.SATISFIED, Satisfaction.DISSATISFIED))
    return scope.ratio(rated, "replied_at", Q(satisfaction=Satisfaction.SATISFIED))


@metric("rehandled", _("Re-handled after dissatisfaction"), section=OUTCOMES)
def rehandled(scope):
    reopened = CaseEvent.objects.filter(from_state=State.REPLIED, to_state=State.INVESTIGATING)
    return scope.count(reopened, "created_at", dept_field="case__department_id")


@metric("penalties", _("Decisions with an administrative penalty"), section=OUTCOMES)
def penalties(scope):
    return scope.count(Case.objects.filter(_has_any_measure(PENALTY_MEASURES)), "decided_at")


@metric("fines_total", _("Fines imposed (yuan)"), unit=MONEY, section=OUTCOMES)
def fines_total(scope):
    return scope.money(Case.objects.all(), "decided_at", "fine_amount")


@metric("referrals", _("Referrals to other authorities"), section=OUTCOMES,
        help_text=_("Cases transferred out plus decisions that refer the matter to the discipline commission, police or audit office."))
def referrals(scope):
    transferred_out = scope.count(_transitions_to(State.TRANSFERRED), "created_at", dept_field="case__department_id")
    referred = scope.count(Case.objects.filter(_has_any_measure(REFERRAL_MEASURES)), "decided_at")
    return {key: transferred_out.get(key, 0) + referred.get(key, 0) for key in transferred_out.keys() | referred.keys()}
