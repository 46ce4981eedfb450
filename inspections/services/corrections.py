"""Correcting a recorded inspection result before it is published, with the reason on record."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from inspections.models import Inspection, InspectionState, InspectionTarget, Outcome
from inspections.services.inspections import ensure_may_work, open_case_for, result_values
from inspections.services.targets import raise_risk, undo_risk_raise
from portal.errors import ActionNotAllowed
from portal.workflow import transition

CORRECTABLE = (InspectionState.RESULT_RECORDED, InspectionState.RECTIFICATION_VERIFIED)
RECORDED_FIELDS = ("outcome", "findings", "ended_on", "rectification_deadline", "referred_to_id")


def _snapshot(inspection: Inspection) -> dict:
    return {name: str(getattr(inspection, name) or "") for name in RECORDED_FIELDS}


@transaction.atomic
def correct_result(*, inspection: Inspection, actor, reason: str, outcome: str, findings: str, ended_on: dt.date,
                   rectification_deadline: dt.date | None = None, referred_to=None, expected_version=None
                   ) -> Inspection:
    """Replace a recorded result while it is not yet published. The target's risk grade follows the
    corrected result: a withdrawn problem undoes the raise it caused, a new problem raises it."""
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the result is corrected.")})
    if inspection.state not in CORRECTABLE:
        raise ActionNotAllowed(_("Only a recorded result that is not yet published can be corrected."))
    if inspection.case_number and outcome != Outcome.CASE_OPENED:
        raise ActionNotAllowed(_("Case %(number)s was opened from this result; the result cannot be changed away "
                                 "from \"case opened\". Record the correction in the case.")
                               % {"number": inspection.case_number})
    values = result_values(outcome=outcome, findings=findings, ended_on=ended_on,
                           rectification_deadline=rectification_deadline, referred_to=referred_to)
    ensure_may_work(inspection, actor)
    before = _snapshot(inspection)
    referred = values["referred_to"]
    proposed = {**values, "referred_to_id": referred.pk if referred else None}
    if before == {name: str(proposed[name] or "") for name in RECORDED_FIELDS}:
        raise ValidationError(_("Nothing was changed."))
    had_problems, previous_end = inspection.found_problems, inspection.ended_on
    with transition(model=Inspection, pk=inspection.pk, transition="correct_result", actor=actor,
                    expected_version=expected_version, arguments=values, note=reason.strip()) as step:
        inspection = step.obj
        step.describe(data={"before": before, "after": _snapshot(inspection)})
    if outcome == Outcome.CASE_OPENED and not inspection.case_number:
        open_case_for(inspection, actor)
    target = InspectionTarget.objects.select_for_update().get(pk=inspection.target_id)
    _recompute_last_inspected(target, previous_end=previous_end, ended_on=inspection.ended_on)
    why = _("Result of inspection %(ref)s corrected: %(reason)s") % {"ref": inspection.reference,
                                                                      "reason": reason.strip()}
    if had_problems and not inspection.found_problems:
        undo_risk_raise(target=target, actor=actor, reason=why, source=inspection.reference)
    elif inspection.found_problems and not had_problems:
        raise_risk(target=target, actor=actor, reason=why, source=inspection.reference)
    return inspection


def _recompute_last_inspected(target: InspectionTarget, *, previous_end: dt.date, ended_on: dt.date) -> None:
    """Move the target's last inspection date with the corrected end, unless it came from elsewhere."""
    if target.last_inspected_on is None or target.last_inspected_on < ended_on:
        target.last_inspected_on = ended_on
    elif target.last_inspected_on == previous_end:
        target.last_inspected_on = target.inspections.exclude(ended_on=None).aggregate(
            latest=Max("ended_on"))["latest"]
    else:
        return
    target.save(update_fields=["last_inspected_on"])
