"""A plan never stays in `drawing`: the draw task retries on errors and fails the plan after its
last retry; a periodic sweep queues again a draw whose task was lost (broker restart, worker
killed) and fails the plan, with an audit event, when that does not help either. Re-running a
draw is safe: it is deterministic and stores its result only while the plan is still drawing."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from inspections.models import InspectionPlan, PlanEvent, PlanState
from inspections.services.plans import _fail
from portal.audit import record_event

logger = logging.getLogger(__name__)

REQUEUE_ACTION = "draw_requeued"


def queue_draw(plan_id: int) -> None:
    """Queues the draw task; a broker that cannot be reached leaves the plan to the sweep."""
    from inspections.tasks import run_draw

    try:
        run_draw.delay(plan_id)
    except Exception:  # kombu/redis raise many unrelated types when the broker is down
        logger.warning("Could not queue the draw of plan %s; the sweep will queue it again", plan_id, exc_info=True)


def fail_after_errors(*, plan_id: int, error: str) -> bool:
    """The task's last retry failed: the plan leaves `drawing` as failed, with the reason."""
    with transaction.atomic():
        if not InspectionPlan.objects.filter(pk=plan_id, state=PlanState.DRAWING).exists():
            return False
        _fail(plan_id, _("The draw stopped because of a technical error (%(error)s). Cancel or correct the plan and "
                         "start a new draw.") % {"error": error[:200]}, "")
    return True


def sweep_stuck_draws(*, now=None) -> dict[str, list[str]]:
    """Plans drawing for longer than DRAW_STALE_MINUTES since their last (re)start: queued again
    up to DRAW_MAX_REQUEUES times, then failed."""
    now = now or timezone.now()
    stale_before = now - dt.timedelta(minutes=settings.DRAW_STALE_MINUTES)
    outcome = {"requeued": [], "failed": []}
    stuck = (
        InspectionPlan.objects.filter(state=PlanState.DRAWING)
        .annotate(last_start=Max("events__created_at", filter=_start_events()))
        .filter(last_start__lt=stale_before)
    )
    for plan in stuck:
        with transaction.atomic():
            locked = InspectionPlan.objects.select_for_update().get(pk=plan.pk)
            if locked.state != PlanState.DRAWING:
                continue
            requeues = PlanEvent.objects.filter(plan=locked, action=REQUEUE_ACTION).count()
            if requeues < settings.DRAW_MAX_REQUEUES:
                record_event(locked, REQUEUE_ACTION, from_state=locked.state,
                             note=_("The draw did not finish in time; it was queued again."), data={"attempt": requeues + 1})
                transaction.on_commit(lambda pk=locked.pk: queue_draw(pk))
                outcome["requeued"].append(locked.code)
            else:
                _fail(locked.pk, _("The draw did not finish after %(count)s attempts. Cancel or correct the plan and "
                                   "start a new draw.") % {"count": requeues + 1}, "")
                outcome["failed"].append(locked.code)
    return outcome


def _start_events():
    from django.db.models import Q

    return Q(events__action__in=("start_draw", REQUEUE_ACTION))
