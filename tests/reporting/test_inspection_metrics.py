import datetime as dt

import pytest

from inspections.models import Inspection, Outcome
from reporting.figures import TOTAL, Period, compute_statistics
from tests.factories.inspections import EntityTargetFactory, InspectionPlanFactory

D = dt.date.fromisoformat


@pytest.fixture
def inspections(departments):
    zj, jt = departments
    december = InspectionPlanFactory(period_start=D("2024-10-01"), period_end=D("2024-12-31"))
    january = InspectionPlanFactory(period_start=D("2024-12-01"), period_end=D("2025-01-31"))

    def inspection(plan, department, order, **fields):
        target = EntityTargetFactory(department=department)
        return Inspection.objects.create(plan=plan, target=target, draw_order=order, selection_reason="drawn",
                                         stratum="B", **fields)

    inspection(december, zj, 1, ended_on=D("2024-11-10"), outcome=Outcome.NO_ISSUE,
               published_on=D("2024-11-20"), publish_due=D("2024-12-06"))
    inspection(december, zj, 2, ended_on=D("2024-11-12"), outcome=Outcome.RECTIFICATION,
               rectification_verified_on=D("2024-12-15"), published_on=D("2024-12-20"), publish_due=D("2024-12-10"))
    inspection(december, zj, 3, ended_on=D("2024-12-01"), outcome=Outcome.CASE_OPENED, publish_due=D("2024-12-27"))
    inspection(december, zj, 4)  # drawn, not yet done
    inspection(january, jt, 1, ended_on=D("2024-12-20"), outcome=Outcome.NO_ISSUE)
    return zj, jt


def test_inspection_metrics(inspections):
    zj, jt = inspections
    metrics = compute_statistics(Period.quarter(2024, 4), today=D("2025-02-01"))["metrics"]

    def values(code):
        return metrics[code].get(TOTAL), metrics[code].get(str(zj.pk)), metrics[code].get(str(jt.pk))

    assert values("inspections_planned") == (4, 4, None)  # the January plan belongs to Q1 2025
    assert values("inspections_done") == (4, 3, 1)
    assert values("inspection_problem_rate") == ([2, 4], [2, 3], [0, 1])
    assert values("inspections_rectified") == (1, 1, None)
    assert values("inspections_published_on_time") == ([1, 2], [1, 2], None)
