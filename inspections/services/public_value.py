"""The announced public value: unknowable when the plan is approved, entered once it is published,
by someone the rules allow, with an audit event naming who entered it and when."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inspections import rules
from inspections.models import DrawRecord, InspectionPlan, PlanState
from portal.audit import record_event
from portal.errors import ActionNotAllowed, DomainError


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def check_published_after_approval(plan: InspectionPlan, now) -> None:
    """Approval refuses a public value that is already known (or has no publication time)."""
    if not plan.public_value_source:
        return
    if plan.public_value_published_at is None:
        raise DomainError(_("Give the time the public value (%(source)s) is published.") % {
            "source": plan.public_value_source})
    if plan.public_value_published_at <= now:
        raise DomainError(_(
            "The public value (%(source)s) is published at %(time)s, which is not after the approval: it could be "
            "known when the plan is approved. Choose a value published after the approval.") % {
            "source": plan.public_value_source, "time": _local(plan.public_value_published_at)})


def check_published(plan: InspectionPlan, now) -> None:
    """Nothing that depends on the public value happens before it is published."""
    if plan.public_value_published_at and now < plan.public_value_published_at:
        raise DomainError(_(
            "The public value (%(source)s) is published at %(time)s; it cannot be entered, and the draw cannot "
            "run, before then.") % {"source": plan.public_value_source,
                                    "time": _local(plan.public_value_published_at)})


@transaction.atomic
def enter_public_value(*, plan: InspectionPlan, actor, value: str, now=None) -> DrawRecord:
    """Record the published value the manifest announced, once, with who entered it."""
    now = now or timezone.now()
    locked = InspectionPlan.objects.select_for_update().get(pk=plan.pk)
    rules.require("enter_public_value", actor, locked)
    if locked.state != PlanState.APPROVED:
        raise ActionNotAllowed()
    if not locked.public_value_source:
        raise DomainError(_("This plan's manifest announced no public value; leave the field empty."))
    check_published(locked, now)
    value = value.strip()
    if not value:
        raise DomainError(_("Enter the public value announced for the draw (%(source)s).") % {
            "source": locked.public_value_source})
    if "\n" in value:
        raise DomainError(_("The public value must be on one line."))
    record = DrawRecord.objects.select_for_update().get(plan=locked)
    if record.public_value_entered_at is not None:
        raise DomainError(_("The public value was already entered (%(value)s); it cannot be changed.") % {
            "value": record.public_value})
    record.public_value, record.public_value_entered_by, record.public_value_entered_at = value, actor, now
    record.full_clean()
    record.save(update_fields=["public_value", "public_value_entered_by", "public_value_entered_at"])
    record_event(locked, "enter_public_value", actor=actor, data={"public_value": value, "source": locked.public_value_source})
    return record
