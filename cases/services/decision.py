"""The decision document of a complaint (投诉处理决定书): drafted with the proposal, numbered on
approval, served (送达) on each party with a recorded date and method."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cases import deadlines, selectors
from cases import rules as case_rules
from cases.models import Case, DeadlineTrack, DecisionDocument, DecisionNumberSequence, DecisionService, Kind
from cases.services._base import lock_case, require_text
from directory.models import Department
from portal.audit import record_event

# The statutory basis of a complaint decision, offered when the handler leaves it blank.
DEFAULT_LEGAL_BASIS = {
    DeadlineTrack.COMPLAINT_TENDERING: "《中华人民共和国招标投标法实施条例》第六十一条、"
    "《工程建设项目招标投标活动投诉处理办法》第二十条",
    DeadlineTrack.COMPLAINT_PROCUREMENT: "《政府采购质疑和投诉办法》（财政部令第94号）第二十九条至第三十二条",
}


# A document number is an official identifier, written the same in every interface language.
NUMBER_FORMAT = "{abbreviation}投诉决〔{year}〕{sequence}号"


def handling_round(case: Case) -> int:
    return 2 if case.rehandled else 1


def default_legal_basis(case: Case) -> str:
    return DEFAULT_LEGAL_BASIS.get(case.deadline_track, "")


def has_document(case: Case) -> bool:
    return case.kind == Kind.COMPLAINT


def draft_document(case: Case, *, facts_found: str, legal_basis: str) -> DecisionDocument | None:
    """With the proposal (caller holds the case lock): the unnumbered document of this round,
    replaced when a sent-back decision is proposed again."""
    if not has_document(case):
        return None
    document, _created = DecisionDocument.objects.update_or_create(
        case=case,
        round=handling_round(case),
        number="",
        defaults={
            "facts_found": (facts_found or "").strip(),
            "reasoning": case.decision_text,
            "legal_basis": (legal_basis or "").strip() or default_legal_basis(case),
            "outcome": case.outcome,
            "measures": list(case.measures or []),
            "fine_amount": case.fine_amount,
            "department": case.department,
        },
    )
    document.full_clean()
    return document


def _abbreviation(department: Department | None) -> str:
    if department is None:
        return ""
    return department.short_name or department.code


def allocate_number(department: Department | None, year: int) -> tuple[int, str]:
    """The next sequence of the department's year, safe under concurrency: the counter row is
    locked until the caller's transaction ends."""
    counter, _created = DecisionNumberSequence.objects.get_or_create(department=department, year=year)
    counter = DecisionNumberSequence.objects.select_for_update().get(pk=counter.pk)
    counter.last_value += 1
    counter.save(update_fields=["last_value"])
    number = NUMBER_FORMAT.format(abbreviation=_abbreviation(department), year=year, sequence=counter.last_value)
    return counter.last_value, number


def issue_document(case: Case) -> DecisionDocument | None:
    """On approval (caller holds the case lock): the draft gets its number and issue date."""
    document = DecisionDocument.objects.filter(case=case, round=handling_round(case), number="").first()
    if document is None:
        if not has_document(case):
            return None
        document = draft_document(case, facts_found="", legal_basis="")
    issued_on = deadlines.today()
    document.sequence, document.number = allocate_number(case.department, issued_on.year)
    document.year, document.issued_on, document.department = issued_on.year, issued_on, case.department
    document.full_clean()
    document.save()
    return document


@transaction.atomic
def record_decision_service(
    *, case_id, actor, party: str, method: str, served_on: dt.date, note: str = ""
) -> DecisionService:
    """送达: the issued decision document was served on `party` on `served_on` by `method`."""
    errors = {}
    if party not in DecisionService.Party.values:
        errors["party"] = _("Choose whom the decision was served on.")
    if method not in DecisionService.Method.values:
        errors["method"] = _("Choose how the decision was served.")
    if not isinstance(served_on, dt.date):
        errors["served_on"] = _("Enter the date of service.")
    if errors:
        raise ValidationError(errors)
    if method == DecisionService.Method.PUBLIC_NOTICE:
        note = require_text(note, "note", _("Say where and since when the public notice was posted."))
    case = lock_case(case_id)
    case_rules.require("record_decision_service", actor, case)
    document = selectors.issued_document(case)
    if document is None:
        raise ValidationError(_("The decision has no issued document yet: it is numbered when it is approved."))
    if served_on < document.issued_on:
        raise ValidationError(
            {
                "served_on": _("The decision cannot be served before it was issued (%(date)s).")
                % {"date": document.issued_on.isoformat()}
            }
        )
    if served_on > deadlines.today():
        raise ValidationError({"served_on": _("The date of service cannot be in the future.")})
    if document.services.filter(party=party).exists():
        raise ValidationError({"party": _("Service on this party is already recorded.")})
    service = DecisionService(
        document=document,
        party=party,
        method=method,
        served_on=served_on,
        note=(note or "").strip(),
        recorded_by=actor,
        recorded_at=deadlines.now(),
    )
    service.full_clean()
    service.save()
    labels = {
        "party": DecisionService.Party(party).label,
        "method": DecisionService.Method(method).label,
        "date": served_on.isoformat(),
        "number": document.number,
    }
    public = (
        _("Decision %(number)s was served on you on %(date)s (%(method)s).") % labels
        if party == DecisionService.Party.COMPLAINANT
        else ""
    )
    record_event(
        case,
        "decision_served",
        actor=actor,
        from_state=case.state,
        note=service.note,
        public_note=public,
        data={"document": document.number, "party": party, "method": method, "served_on": served_on.isoformat()},
    )
    return service
