from monitoring.models.choices import OPEN_LEAD_STATES, LeadState, RunState, RunTrigger, Screen
from monitoring.models.leads import HANDLE_LEAD, Lead, LeadEvent
from monitoring.models.parameters import ScreenParameter
from monitoring.models.runs import ScreenRun
from monitoring.models.simulation import SimulatedTruth

__all__ = [
    "HANDLE_LEAD", "OPEN_LEAD_STATES", "Lead", "LeadEvent", "LeadState", "RunState", "RunTrigger", "Screen",
    "ScreenParameter", "ScreenRun", "SimulatedTruth",
]
