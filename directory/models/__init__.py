from directory.models.calendar_days import CalendarDay, CalendarYear
from directory.models.market import Award, Bid, EntityRelation, MarketEntity, TradingProject
from directory.models.organisation import Department, Grid, StaffProfile

__all__ = [
    "Award",
    "Bid",
    "CalendarDay",
    "CalendarYear",
    "Department",
    "EntityRelation",
    "Grid",
    "MarketEntity",
    "StaffProfile",
    "TradingProject",
]
