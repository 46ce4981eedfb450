"""Reads for the back-office home and the menu: the user's count per queue and per home tile,
the overdue cases per department, the filers' satisfaction this year."""

from django.db.models import Count, Q

from cases import deadlines
from cases.models import Satisfaction, State
from cases.models.choices import OPEN_STATES
from cases.models.records import CASE_WORK_GENERATION
from cases.selectors import due_soon_q, overdue_q, queue_condition, visible_cases
from portal.shared_cache import generation, remembered

COUNTED_QUEUES = ("incoming", "returned", "mine", "due_soon", "overdue", "under_review", "supervised", "escalated",
                  "extending")


WORKBENCH_COUNT_SECONDS = 300  # a change of role or department shows in the counts within this


def workbench_counts(user) -> dict[str, int]:
    """The user's work in one query: a count per queue (the menu) and per home tile (the queue's
    cases narrowed to this user: "my" cases, reviews of decisions someone else proposed). Every
    back-office page shows them: they come from the shared cache until a case changes (its events
    advance the generation) or the day does."""
    today = deadlines.today()
    key = f"cases:workbench:{user.pk}:{today.isoformat()}:{generation(CASE_WORK_GENERATION)}"
    return remembered(key, lambda: _workbench_counts(user, today), WORKBENCH_COUNT_SECONDS)


def _workbench_counts(user, today) -> dict[str, int]:
    wanted = {name: queue_condition(user, name, today) for name in COUNTED_QUEUES}
    mine = queue_condition(user, "mine", today)
    wanted.update(
        submitted=Q(state=State.SUBMITTED),
        accepted=Q(state=State.ACCEPTED),
        my_due_soon=mine & due_soon_q(today),
        my_overdue=mine & overdue_q(today),
        my_review=Q(state=State.UNDER_REVIEW) & ~Q(proposed_by=user),
    )
    # Every counted queue holds open cases only: narrowing to them first lets the open-case
    # indexes serve the count instead of a scan of every case ever filed (1.1 s per back-office
    # page at 1,000,000 cases, docs/PERFORMANCE.md).
    open_cases = visible_cases(user).filter(state__in=OPEN_STATES)
    return open_cases.aggregate(**{name: Count("pk", filter=q) for name, q in wanted.items()})


def overdue_by_department(user) -> list[dict]:
    """Open overdue cases per department (none yet: still with the office), most first."""
    rows = (visible_cases(user).filter(overdue_q(deadlines.today()))
            .values("department_id", "department__name", "department__short_name")
            .annotate(count=Count("pk")).order_by("-count", "department__name"))
    return [{"department_id": row["department_id"],
             "name": row["department__short_name"] or row["department__name"] or "",
             "count": row["count"]} for row in rows]


def satisfaction_this_year(user) -> dict:
    """Filers' ratings of the cases given feedback this year, and the share satisfied."""
    counts = visible_cases(user).filter(replied_at__year=deadlines.today().year).aggregate(
        **{value: Count("pk", filter=Q(satisfaction=value)) for value in Satisfaction.values})
    rated = sum(counts.values())
    counts["rated"] = rated
    counts["satisfied_percent"] = round(100 * counts[Satisfaction.SATISFIED] / rated) if rated else None
    return counts
