"""Work the office does on several cases at once; each case still goes through its own service
(permission check, transition door, audit event)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from cases.models import Case
from cases.models.case import ASSIGN
from cases.services.triage import assign
from portal.errors import DomainError, PermissionRefused


@dataclass(frozen=True)
class BulkResult:
    case_id: int
    number: str
    done: bool
    message: str = ""


def refer_cases(*, case_ids, actor, department, note="") -> list[BulkResult]:
    """Refer each case to `department` with `assign`, each in its own savepoint: a case that
    cannot be referred (wrong state, not permitted, changed meanwhile) is reported with the
    reason and the others are referred."""
    if actor is None or not actor.has_perm(ASSIGN):
        raise PermissionRefused()
    results = []
    for case in Case.objects.filter(pk__in=list(case_ids)).order_by("number"):
        try:
            with transaction.atomic():
                assign(case_id=case.pk, actor=actor, department=department, note=note)
        except ValidationError as exc:
            results.append(BulkResult(case.pk, case.number, False, " ".join(exc.messages)))
        except DomainError as exc:
            results.append(BulkResult(case.pk, case.number, False, str(exc.message)))
        else:
            results.append(BulkResult(case.pk, case.number, True))
    return results
