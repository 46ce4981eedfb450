"""Monitoring leads in the quarterly statistics: raised, converted, risk raised and dismissed, per
the lead's department and in the quarter of the event that recorded each."""

import datetime as dt

import pytest
import time_machine

from directory.roles import OFFICE_SUPERVISOR
from monitoring.models import Lead, Screen
from monitoring.services import leads as lead_services
from monitoring.services.runs import run_now
from reporting.figures import TOTAL, Period, compute_statistics
from tests.factories.directory import DepartmentFactory, UserFactory
from tests.factories.monitoring import tender

CST = dt.timezone(dt.timedelta(hours=8))


@pytest.fixture
def department(roles):
    return DepartmentFactory(code="ZJ", name="市住房和城乡建设局")


def test_lead_figures_count_each_event_in_its_quarter(department):
    supervisor = UserFactory(username="officesup", roles=[OFFICE_SUPERVISOR])
    with time_machine.travel(dt.datetime(2026, 8, 10, 9, tzinfo=CST)):
        tender([500, 500, 530], code="T1", department=department)  # identical bids
        tender([700, 700, 760], code="T2", department=department)
        run_now(trigger="command")
    leads = list(Lead.objects.filter(screen=Screen.IDENTICAL_BIDS).order_by("pk"))
    assert len(leads) == 2
    with time_machine.travel(dt.datetime(2026, 9, 20, 9, tzinfo=CST)):
        lead_services.dismiss(lead=leads[0], actor=supervisor, reason="同一集团统一报价，已核实无串通")
    with time_machine.travel(dt.datetime(2026, 10, 12, 9, tzinfo=CST)):
        lead_services.convert_to_case(lead=leads[1], actor=supervisor)

    q3 = compute_statistics(Period.quarter(2026, 3), today=dt.date(2026, 12, 1))["metrics"]
    raised = Lead.objects.filter(department=department).count()
    assert q3["leads_raised"][TOTAL] == raised >= 2
    assert q3["leads_raised"][str(department.pk)] == raised
    assert q3["leads_dismissed"][TOTAL] == 1
    assert q3["leads_converted"][TOTAL] == 0
    q4 = compute_statistics(Period.quarter(2026, 4), today=dt.date(2026, 12, 1))["metrics"]
    assert q4["leads_raised"][TOTAL] == 0
    assert q4["leads_converted"] == {str(department.pk): 1, TOTAL: 1}
    assert q4["leads_risk_raised"][TOTAL] == 0
