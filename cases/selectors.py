"""Reads of cases, with the visibility rules applied (DESIGN §3). Views use only these."""

from __future__ import annotations

import hmac

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import access_codes, deadlines
from cases import rules as case_rules
from cases.models import (
    Case,
    CaseEvent,
    DecisionDocument,
    DecisionService,
    ExtensionRequest,
    Kind,
    State,
    SupervisionNotice,
)
from cases.models.choices import OBJECTION_REQUIRED, OPEN_STATES, WITHDRAWABLE_STATES
from directory import roles
from directory.calendar import WorkingCalendar
from directory.models import Department

VIEW_ALL = "cases.view_all_cases"
SUPERVISE = case_rules.SUPERVISE
REVEAL = case_rules.REVEAL
ENTER = "cases.enter_case"
OFFICE_WITHDRAWAL_STATES = case_rules.OFFICE_WITHDRAWAL_STATES
# States in which a withdrawal is decided by the office rather than the department.


def _profile(user):
    return getattr(user, "staff_profile", None) if user is not None and user.is_authenticated else None


def sees_all_cases(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active and user.has_perm(VIEW_ALL)


def visible_cases(user) -> QuerySet[Case]:
    """Office and auditors: every case. Department staff: their department's, and when their
    profile names a grid, that grid's plus the cases they handle. Everyone else: none."""
    cases = Case.objects.all()
    if user is None or not user.is_authenticated or not user.is_active:
        return cases.none()
    if sees_all_cases(user):
        return cases
    profile = _profile(user)
    if profile is None or not user.has_perm("cases.view_case"):
        return cases.none()
    cases = cases.filter(department_id=profile.department_id)
    if profile.grid_id:
        cases = cases.filter(Q(grid_id=profile.grid_id) | Q(handler=user))
    return cases


def can_see(user, case: Case) -> bool:
    return visible_cases(user).filter(pk=case.pk).exists()


def get_visible_case(user, pk) -> Case:
    case = visible_cases(user).select_related("department", "grid", "handler", "project", "respondent").filter(pk=pk).first()
    if case is None:
        raise Http404(_("No such case, or it is not visible to you."))
    return case


def _list_related(cases: QuerySet[Case]) -> QuerySet[Case]:
    return cases.select_related("department", "grid", "handler", "project", "respondent")


def _open_notice_q(level=None):
    notices = SupervisionNotice.objects.filter(case=OuterRef("pk"), resolved_at__isnull=True)
    return Exists(notices.filter(level=level) if level else notices)


QUEUES = ("incoming", "returned", "mine", "department", "due_soon", "overdue", "under_review", "supervised",
          "escalated", "extending", "all")


def due_soon_q(today) -> Q:
    """Open and due within two working days (today included)."""
    horizon = WorkingCalendar().add_workdays(today, 2)
    return Q(state__in=OPEN_STATES, current_due__gte=today, current_due__lte=horizon)


def overdue_q(today) -> Q:
    """Open cases whose running deadline has passed."""
    return Q(state__in=OPEN_STATES, current_due__lt=today)


def queue_condition(user, name: str, today) -> Q:
    """Which visible cases each back-office queue holds (one definition for lists and counts)."""
    open_cases = Q(state__in=OPEN_STATES)
    if name == "incoming":
        return Q(state__in=(State.SUBMITTED, State.ACCEPTED))
    if name == "returned":
        return Q(state=State.ACCEPTED) & Exists(CaseEvent.objects.filter(case=OuterRef("pk"), action="returned"))
    if name == "mine":
        return open_cases & Q(handler=user)
    if name == "department":
        profile = _profile(user)
        if sees_all_cases(user):
            return open_cases
        return open_cases & Q(department_id=profile.department_id) if profile else Q(pk__in=[])
    if name == "due_soon":
        return due_soon_q(today)
    if name == "overdue":
        return overdue_q(today)
    if name == "under_review":
        return Q(state=State.UNDER_REVIEW)
    if name == "supervised":
        return open_cases & _open_notice_q()
    if name == "escalated":
        return open_cases & _open_notice_q(SupervisionNotice.Level.ESCALATION)
    if name == "extending":
        pending = ExtensionRequest.objects.filter(case=OuterRef("pk"), status=ExtensionRequest.Status.PENDING)
        return open_cases & Exists(pending)
    return Q()


def by_urgency(cases: QuerySet[Case]) -> QuerySet[Case]:
    """The one default order of every queue: fewest working days left first (so overdue cases
    lead), cases whose clock stands still last, then the oldest filing first."""
    return cases.order_by(F("current_due").asc(nulls_last=True), "received_at", "pk")


def queue(user, name: str) -> QuerySet[Case]:
    """Back-office work lists, most urgent first."""
    if name not in QUEUES:
        raise ValueError(f"unknown queue {name!r}")
    cases = visible_cases(user).filter(queue_condition(user, name, deadlines.today()))
    return _list_related(by_urgency(cases))


def search_cases(cases: QuerySet[Case], term: str) -> QuerySet[Case]:
    """Case search by number, title, project (code or name), respondent and filer; a filer whose
    identity is hidden (anonymous or confidential, see `filer_identity`) is never found by name."""
    term = (term or "").strip()
    if not term:
        return cases
    return cases.filter(
        Q(number__icontains=term) | Q(title__icontains=term)
        | Q(project__code__icontains=term) | Q(project__name__icontains=term)
        | Q(project_text__icontains=term) | Q(respondent_text__icontains=term)
        | Q(respondent__name__icontains=term)
        | Q(filer_name__icontains=term, is_anonymous=False, is_confidential=False)
    )


# --- Referral ----------------------------------------------------------------------------------

REFERRAL_ROLES = (roles.HANDLER, roles.GRID_SUPERVISOR)


def referral_departments() -> QuerySet[Department]:
    """Where the office refers cases: active supervising departments (outside bodies get a transfer)."""
    return Department.objects.filter(is_active=True, kind=Department.Kind.SUPERVISING)


def referral_handlers(department=None, grid=None) -> QuerySet:
    """Who may be named handler on a referral: active handlers and grid supervisors of the
    department; with a grid, those of that grid and the department's staff who work without one."""
    users = get_user_model().objects.filter(
        is_active=True, staff_profile__isnull=False,
        groups__name__in=[role.group_name for role in REFERRAL_ROLES],
        staff_profile__department__kind=Department.Kind.SUPERVISING, staff_profile__department__is_active=True,
    )
    if department is not None:
        users = users.filter(staff_profile__department=department)
    if grid is not None:
        users = users.filter(Q(staff_profile__grid=grid) | Q(staff_profile__grid__isnull=True))
    return users.distinct().select_related("staff_profile__department", "staff_profile__grid").order_by(
        "staff_profile__department__code", "staff_profile__employee_no")


# --- Actions ------------------------------------------------------------------------------------

TRANSITION_SERVICES = case_rules.TRANSITION_SERVICES


def may_act(user, case: Case, permission: str) -> bool:
    """Permission plus scope (cases.rules): department work only within one's visible cases."""
    return user is not None and case_rules.scoped(permission).test(user, case)


def may_decide_withdrawal(user, case: Case) -> bool:
    return user is not None and case_rules.allowed("decide_withdrawal", user, case)


def available_actions(user, case: Case) -> list[str]:
    """Service names this user may call on the case now: the workflow says what fits the state,
    cases.rules says who may (the same rules the services enforce)."""
    from django_fsm import can_proceed

    if user is None:
        return []
    actions = [service for transition, service in TRANSITION_SERVICES.items()
               if can_proceed(getattr(case, transition)) and case_rules.allowed(service, user, case)]
    candidates = []
    if case.withdrawal_requested_at and case.state in WITHDRAWABLE_STATES:
        candidates.append("decide_withdrawal")
    if case.state in OPEN_STATES and case.state != State.REPLIED:
        if deadlines.DEADLINE_BY_STATE.get(case.state) in deadlines.SUPERVISED_DEADLINES:
            candidates.append("request_extension")
        candidates.append("issue_supervision_notice")
        if case.extension_requests.filter(status=ExtensionRequest.Status.PENDING).exists():
            candidates.append("decide_extension")
    if case.state == State.DECIDED and "reply_to_filer" not in actions:
        candidates.append("reply_to_filer")
    if case.state in DECISION_SERVICE_STATES and unserved_parties(case):
        candidates.append("record_decision_service")
    if case.identity_hidden:
        candidates.append("reveal_identity")
    candidates.append("add_internal_note")
    return actions + [action for action in candidates if case_rules.allowed(action, user, case)]


# --- Filer side -----------------------------------------------------------------------------------

IDENTITY_FIELDS = (
    "filer_type", "filer_name", "filer_id_number", "filer_credit_code", "filer_legal_representative",
    "filer_phone", "filer_email", "filer_address",
)


def identity_of(case: Case) -> dict:
    return {field: getattr(case, field) for field in IDENTITY_FIELDS}


def filer_identity(user, case: Case) -> dict | None:
    """The filer's identity as this user may see it; None while hidden (anonymous or confidential:
    only `cases.services.reveal_identity` shows it, and that is recorded)."""
    if user is not None and user.is_authenticated and case.filer_user_id == user.pk:
        return identity_of(case)
    if case.identity_hidden or not can_see(user, case):
        return None
    return identity_of(case)


def find_case_by_access_code(number: str, access_code: str) -> Case | None:
    """Constant-time check of a tracking code; the caller rate limits."""
    case = Case.objects.filter(number=(number or "").strip().upper()).first()
    expected = case.access_code_hash if case else access_codes.DUMMY_HASH
    matches = hmac.compare_digest(expected, access_codes.hash_code(access_code))
    return case if case is not None and matches else None


def public_timeline(case: Case) -> list[dict]:
    """Plain-language public events for the filer: no staff names, no internal notes."""
    labels = dict(State.choices)
    return [
        {
            "at": event.created_at,
            "action": event.action,
            "state": event.to_state,
            "state_label": labels.get(event.to_state, ""),
            "text": event.public_note,
        }
        for event in case.events.filter(is_public=True).order_by("created_at", "pk")
    ]


def cases_of_filer(user) -> QuerySet[Case]:
    if user is None or not user.is_authenticated:
        return Case.objects.none()
    return Case.objects.filter(filer_user=user).select_related("department")


def intake_warnings(case: Case) -> list[str]:
    """What the office (and the filer) should know before accepting; never a silent block."""
    warnings = []
    received_on = deadlines.today() if case.received_at is None else timezone.localdate(case.received_at)
    if case.kind == Kind.COMPLAINT:
        policy = deadlines.policy_for(case)
        if policy.filing_limit_days and case.knew_on:
            late_by = (received_on - case.knew_on).days - policy.filing_limit_days
            if late_by > 0:
                warnings.append(_(
                    "Filed %(days)s days after the %(limit)s-day limit counted from the day the complainant knew "
                    "of the matter (%(knew)s)."
                ) % {"days": late_by, "limit": policy.filing_limit_days, "knew": case.knew_on.isoformat()})
        if policy.filing_limit_days and not case.knew_on:
            warnings.append(_("The date the complainant knew of the matter is missing: the filing limit cannot be checked."))
        if case.matter_type in OBJECTION_REQUIRED and not case.objection_raised_on:
            warnings.append(_(
                "This matter requires an objection to the tenderer before a complaint, and none is recorded."
            ))
        if case.objection_raised_on and case.knew_on and case.objection_raised_on < case.knew_on:
            warnings.append(_("The objection date is before the date the complainant knew of the matter."))
        if case.project_id is None:
            warnings.append(_("The project is not linked to a project in the directory."))
        if case.filer_type == "organisation" and not case.filer_legal_representative:
            warnings.append(_("The legal representative of the complaining organisation is missing."))
    if case.kind == Kind.REPORT and case.is_anonymous and not (case.filer_phone or case.filer_email):
        warnings.append(_("Anonymous report without contact: the reporter can follow it only with the access code."))
    return warnings


def remaining_workdays(case: Case) -> dict:
    return deadlines.remaining_workdays(case)


def case_events(user, case: Case) -> QuerySet[CaseEvent]:
    """The full audit trail for staff who may see the case."""
    if not can_see(user, case):
        return CaseEvent.objects.none()
    return case.events.select_related("actor").order_by("created_at", "pk")


# --- Decision documents -----------------------------------------------------------------------------

DECISION_SERVICE_STATES = (State.DECIDED, State.REPLIED, State.CLOSED)


def current_document(case: Case) -> DecisionDocument | None:
    """The latest decision document of the case: the issued one, or the draft under review."""
    return case.decision_documents.select_related("department").order_by("-round", "-pk").first()


def issued_document(case: Case) -> DecisionDocument | None:
    return case.decision_documents.exclude(number="").select_related("department").order_by("-round").first()


def unserved_parties(case: Case) -> list[str]:
    """Parties the issued decision document still has to be served on."""
    document = issued_document(case)
    if document is None:
        return []
    served = set(document.services.values_list("party", flat=True))
    return [party for party in DecisionService.Party.values if party not in served]


def visible_document(user, case_pk) -> tuple[Case, DecisionDocument]:
    """The case's decision document for a user the rules let read it; 404 otherwise."""
    case = get_visible_case(user, case_pk)
    if not case_rules.allowed("view_decision_document", user, case):
        raise PermissionDenied
    document = current_document(case)
    if document is None:
        raise Http404
    return case, document
