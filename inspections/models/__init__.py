from inspections.models.directories import (
    AUDITED_TARGET_FIELDS,
    InspectionItem,
    InspectionTarget,
    Inspector,
    InspectorTie,
    RiskGrade,
)
from inspections.models.events import InspectionEvent, PlanEvent, TargetEvent  # noqa: I001 - after its models
from inspections.models.inspection import Inspection, InspectionAssignment, InspectionEvidence, InspectionState, Outcome
from inspections.models.plans import DrawRecord, InspectionPlan, PlanState

__all__ = [
    "AUDITED_TARGET_FIELDS",
    "DrawRecord",
    "Inspection",
    "InspectionAssignment",
    "InspectionEvent",
    "InspectionEvidence",
    "InspectionItem",
    "InspectionPlan",
    "InspectionState",
    "InspectionTarget",
    "Inspector",
    "InspectorTie",
    "Outcome",
    "PlanEvent",
    "PlanState",
    "RiskGrade",
    "TargetEvent",
]
