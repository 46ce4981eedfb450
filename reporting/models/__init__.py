from reporting.models.pages import QuarterlyReportIndexPage, QuarterlyReportPage
from reporting.models.snapshot import QuarterlySnapshot
from reporting.models.workdays import WorkdayIndex, WorkdayIndexState

__all__ = ["QuarterlyReportIndexPage", "QuarterlyReportPage", "QuarterlySnapshot", "WorkdayIndex", "WorkdayIndexState"]
