"""Personal-data retention: the filer's identity on cases that ended (closed, rejected, withdrawn,
transferred) more than CASE_FILER_RETENTION_YEARS ago is erased, set-based and idempotent. The
case itself, its decision and its audit trail stay; each erasure appends an audit event."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cases.models import Attachment, Case, CaseEvent, State
from cases.services._base import SYSTEM
from notifications import services as notifications
from portal.audit import append_events, build_event

logger = logging.getLogger(__name__)

ENDED_STATES = (State.CLOSED, State.REJECTED, State.WITHDRAWN, State.TRANSFERRED)
IDENTITY_FIELDS = ("filer_name", "filer_id_number", "filer_credit_code", "filer_legal_representative",
                   "filer_phone", "filer_email", "filer_address")
ACTION = "filer_anonymised"
BATCH = 500


def retention_cutoff(now: dt.datetime, years: int) -> dt.datetime:
    try:
        return now.replace(year=now.year - years)
    except ValueError:  # 29 February
        return now.replace(year=now.year - years, day=28)


def expired_identities(*, now=None, years=None):
    """Ended cases past the retention period that still hold something of the filer's identity."""
    years = settings.CASE_FILER_RETENTION_YEARS if years is None else years
    cutoff = retention_cutoff(now or timezone.now(), years)
    holds_identity = Q(filer_user__isnull=False)
    for field in IDENTITY_FIELDS:
        holds_identity |= ~Q(**{field: ""})
    return Case.objects.filter(state__in=ENDED_STATES, closed_at__lt=cutoff).filter(holds_identity)


def anonymise_expired_filers(*, now=None, years=None) -> int:
    """Erases the filer identity of every expired case, in batches; returns how many cases."""
    years = settings.CASE_FILER_RETENTION_YEARS if years is None else years
    if years <= 0:
        raise ValueError("the retention period must be at least one year")
    total = 0
    while True:
        done = _anonymise_batch(now=now or timezone.now(), years=years)
        total += done
        if done < BATCH:
            return total


@transaction.atomic
def _anonymise_batch(*, now, years) -> int:
    states = dict(expired_identities(now=now, years=years).select_for_update(skip_locked=True)
                  .values_list("pk", "state")[:BATCH])
    ids = list(states)
    if not ids:
        return 0
    Case.objects.filter(pk__in=ids).update(filer_user=None, **dict.fromkeys(IDENTITY_FIELDS, ""))
    # Messages to the filer kept their address; the outbox keys them by case.
    notifications.erase_addresses(dedupe_key_prefixes=[f"case:{pk}:filer:" for pk in ids])
    # Scans of paper filings show the identity; evidence files stay with the case.
    scans = list(Attachment.objects.filter(case_id__in=ids, purpose=Attachment.Purpose.SCAN))
    names = [scan.file.name for scan in scans]
    Attachment.objects.filter(pk__in=[scan.pk for scan in scans]).delete()
    transaction.on_commit(lambda: _delete_files(names))
    with translation.override(settings.LANGUAGE_CODE):
        note = _("The filer's identity was erased after the retention period of %(years)s years.") % {"years": years}
    append_events(CaseEvent, [
        build_event(CaseEvent, case_id=pk, actor_label=SYSTEM, action=ACTION, from_state=state, to_state=state,
                    note=note, data={"years": years}, created_at=now)
        for pk, state in states.items()
    ])
    logger.info("Anonymised the filer of %s cases", len(ids))
    return len(ids)


def _delete_files(names: list[str]) -> None:
    from django.core.files.storage import default_storage

    for name in names:
        try:
            default_storage.delete(name)
        except OSError:
            logger.warning("Could not delete %s; delete it by hand", name, exc_info=True)
