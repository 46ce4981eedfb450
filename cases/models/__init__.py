from cases.models.case import Case
from cases.models.choices import (
    Channel,
    DeadlineTrack,
    FilerType,
    Kind,
    MatterType,
    Measure,
    Outcome,
    RejectionReason,
    Satisfaction,
    State,
)
from cases.models.decision import DecisionDocument, DecisionNumberSequence, DecisionService
from cases.models.history import DeadlineSpan, DecisionRecord, RatingRecord, TimelinessRecord
from cases.models.records import (
    Attachment,
    CaseEvent,
    CaseNumberSequence,
    DeadlinePolicy,
    ExtensionRequest,
    PausedInterval,
    SupervisionNotice,
)

__all__ = [
    "Attachment", "Case", "CaseEvent", "CaseNumberSequence", "Channel", "DeadlinePolicy", "DeadlineSpan",
    "DeadlineTrack", "DecisionDocument", "DecisionNumberSequence", "DecisionRecord", "DecisionService",
    "RatingRecord", "TimelinessRecord", "ExtensionRequest", "FilerType", "Kind", "MatterType", "Measure", "Outcome",
    "PausedInterval", "RejectionReason", "Satisfaction", "State", "SupervisionNotice",
]
