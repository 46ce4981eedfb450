"""Enumerations of the case workflow (DESIGN §3 and §8). Codes are stable; labels are translated."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    COMPLAINT = "complaint", _("Complaint")
    REPORT = "report", _("Report")
    SUGGESTION = "suggestion", _("Suggestion")


NUMBER_PREFIX = {Kind.COMPLAINT: "TS", Kind.REPORT: "JB", Kind.SUGGESTION: "JY"}


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    API = "api", _("Trading platform API")
    PAPER = "paper", _("Paper / in person")
    PHONE = "phone", _("Phone")
    REFERRAL = "referral", _("Referral from another body")
    MONITORING = "monitoring", _("Integrity monitoring lead")
    INSPECTION = "inspection", _("Random inspection finding")


class State(models.TextChoices):
    SUBMITTED = "submitted", _("Awaiting acceptance")
    NEEDS_SUPPLEMENT = "needs_supplement", _("Awaiting supplement")
    REJECTED = "rejected", _("Not accepted")
    ACCEPTED = "accepted", _("Accepted")
    ASSIGNED = "assigned", _("Referred to department")
    INVESTIGATING = "investigating", _("Being handled")
    SUSPENDED = "suspended", _("Suspended")
    UNDER_REVIEW = "under_review", _("Decision under review")
    DECIDED = "decided", _("Decided")
    REPLIED = "replied", _("Feedback given")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    TRANSFERRED = "transferred", _("Transferred to another authority")


OPEN_STATES = (
    State.SUBMITTED, State.NEEDS_SUPPLEMENT, State.ACCEPTED, State.ASSIGNED, State.INVESTIGATING,
    State.SUSPENDED, State.UNDER_REVIEW, State.DECIDED, State.REPLIED,
)
WITHDRAWABLE_STATES = (
    State.SUBMITTED, State.NEEDS_SUPPLEMENT, State.ACCEPTED, State.ASSIGNED, State.INVESTIGATING,
    State.SUSPENDED, State.UNDER_REVIEW,
)
TRANSFERABLE_STATES = (State.ACCEPTED, State.ASSIGNED, State.INVESTIGATING)


class DeadlineTrack(models.TextChoices):
    """Which statutory deadline rules apply (DESIGN §3 table)."""

    COMPLAINT_TENDERING = "complaint_tendering", _("Complaint (tendering)")
    COMPLAINT_PROCUREMENT = "complaint_procurement", _("Complaint (government procurement)")
    REPORT = "report", _("Report")
    SUGGESTION = "suggestion", _("Suggestion")


class FilerType(models.TextChoices):
    PERSON = "person", _("Natural person")
    ORGANISATION = "organisation", _("Organisation")


class MatterType(models.TextChoices):
    PREQUALIFICATION_DOCUMENTS = "prequalification_documents", _("Prequalification documents")
    TENDER_DOCUMENTS = "tender_documents", _("Tender / procurement documents")
    BID_OPENING = "bid_opening", _("Bid opening")
    EVALUATION_RESULT = "evaluation_result", _("Evaluation result / winning candidates")
    EVALUATION_PROCESS = "evaluation_process", _("Evaluation process")
    AWARD_RESULT = "award_result", _("Award result")
    CONTRACT = "contract", _("Contract signing and performance")
    AGENCY_CONDUCT = "agency_conduct", _("Conduct of the tendering agency")
    EXPERT_CONDUCT = "expert_conduct", _("Conduct of evaluation experts")
    PLATFORM_SERVICE = "platform_service", _("Trading platform services")
    COLLUSION_FRAUD = "collusion_fraud", _("Collusive bidding / fraud")
    OTHER = "other", _("Other")


# 招标投标法实施条例 Art. 60 with Art. 22, 44, 54: these matters need a prior objection to the tenderer.
OBJECTION_REQUIRED = frozenset({
    MatterType.PREQUALIFICATION_DOCUMENTS, MatterType.TENDER_DOCUMENTS, MatterType.BID_OPENING,
    MatterType.EVALUATION_RESULT,
})


class RejectionReason(models.TextChoices):
    NO_STANDING = "no_standing", _("Not a participant and no interest in the project")
    NOT_SPECIFIC = "not_specific", _("Matter not specific and no usable lead")
    NO_IDENTITY = "no_identity", _("No real name, signature or valid contact")
    LATE = "late", _("Filed after the time limit")
    ALREADY_DECIDED = "already_decided", _("Already decided and no new evidence")
    REVIEW_OR_LITIGATION = "review_or_litigation", _("Already in administrative review or litigation")
    NO_PRIOR_OBJECTION = "no_prior_objection", _("Required objection not raised first")
    OUTSIDE_JURISDICTION = "outside_jurisdiction", _("Outside this department's jurisdiction")
    SUPPLEMENT_EXPIRED = "supplement_expired", _("Supplement not provided in time")


class Outcome(models.TextChoices):
    SUBSTANTIATED = "substantiated", _("Substantiated")
    PARTLY_SUBSTANTIATED = "partly_substantiated", _("Partly substantiated")
    UNSUBSTANTIATED = "unsubstantiated", _("Unsubstantiated")
    DISMISSED = "dismissed", _("Dismissed")


SUBSTANTIATED_OUTCOMES = frozenset({Outcome.SUBSTANTIATED, Outcome.PARTLY_SUBSTANTIATED})

# Complaint law words a decision on a complaint differently (投诉成立 / 部分成立 / 不成立 / 驳回投诉);
# reports and suggestions keep the Outcome labels (属实 / 部分属实 / 不属实).
COMPLAINT_OUTCOME_LABELS = {
    Outcome.SUBSTANTIATED: _("Complaint upheld"),
    Outcome.PARTLY_SUBSTANTIATED: _("Complaint partly upheld"),
    Outcome.UNSUBSTANTIATED: _("Complaint not upheld"),
    Outcome.DISMISSED: _("Complaint dismissed"),
}


def outcome_label(kind: str, outcome: str) -> str:
    """The outcome as the law words it for this kind of case ("" when there is none)."""
    if not outcome:
        return ""
    if kind == Kind.COMPLAINT and outcome in COMPLAINT_OUTCOME_LABELS:
        return str(COMPLAINT_OUTCOME_LABELS[outcome])
    return str(Outcome(outcome).label) if outcome in Outcome.values else outcome


class Measure(models.TextChoices):
    ORDER_TO_CORRECT = "order_to_correct", _("Order to correct")
    WARNING = "warning", _("Warning")
    FINE = "fine", _("Fine")
    CONFISCATION = "confiscation", _("Confiscation of illegal gains")
    SUSPEND_TRADING = "suspend_trading", _("Suspension of the trading activity")
    DISQUALIFICATION = "disqualification", _("Disqualification")
    BAD_RECORD = "bad_record", _("Bad-behaviour record")
    TRANSFER_DISCIPLINE = "transfer_discipline", _("Transfer to the discipline inspection commission")
    TRANSFER_POLICE = "transfer_police", _("Transfer to the police")
    TRANSFER_AUDIT = "transfer_audit", _("Transfer to the audit office")
    REPORTER_REWARD = "reporter_reward", _("Reward to the reporter")
    TALK = "talk", _("Admonishing talk")
    INTERNAL_HANDLING = "internal_handling", _("Internal handling")


# A talk or internal handling never replaces an administrative penalty (DESIGN §8).
SOFT_MEASURES = frozenset({Measure.TALK, Measure.INTERNAL_HANDLING})


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("Satisfied")
    DISSATISFIED = "dissatisfied", _("Dissatisfied")
    NO_RESPONSE = "no_response", _("No response in time")
