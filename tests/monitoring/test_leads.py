"""Leads end to end: no duplicates on re-runs, growing evidence with history, dismissal, a lead
converted into a case in the office's queue, a lead raising a target's grade into a draw's stratum,
and who sees which leads."""

import datetime as dt

import pytest
import time_machine

from cases.models import Case, Channel
from cases.selectors import queue
from directory.roles import (
    AUDITOR,
    DEPARTMENT_HEAD,
    EDITOR,
    INSPECTION_MANAGER,
    INSPECTOR,
    OFFICE_INTAKE,
    OFFICE_SUPERVISOR,
)
from inspections.models import InspectionPlan, TargetEvent
from inspections.services import plans
from monitoring import selectors
from monitoring.models import Lead, LeadEvent, LeadState, RunState, Screen, ScreenRun
from monitoring.services import leads as lead_services
from monitoring.services.parameters import update_parameters
from monitoring.services.runs import run_now
from portal.errors import ActionNotAllowed, DomainError, PermissionRefused
from tests.factories.directory import DepartmentFactory, StaffProfileFactory, UserFactory
from tests.factories.inspections import (
    EntityTargetFactory,
    InspectionItemFactory,
    InspectionPlanFactory,
    InspectorFactory,
)
from tests.factories.monitoring import tender

pytestmark = pytest.mark.django_db


@pytest.fixture
def department(roles):
    return DepartmentFactory(code="ZJ", name="市住房和城乡建设局")


@pytest.fixture
def supervisor(roles):
    return UserFactory(username="officesup", roles=[OFFICE_SUPERVISOR])


def identical_tender(department, code="TIE"):
    return tender([500, 500, 530], code=code, department=department)


def test_rerun_on_unchanged_data_creates_no_duplicates(department):
    identical_tender(department)
    first = run_now(trigger="command")
    second = run_now(trigger="command")
    assert first.state == second.state == RunState.SUCCEEDED
    assert Lead.objects.filter(screen=Screen.IDENTICAL_BIDS).count() == 1
    assert first.counts[Screen.IDENTICAL_BIDS]["created"] == 1
    assert second.counts[Screen.IDENTICAL_BIDS] | {"seconds": 0} == {
        "findings": 1, "created": 0, "updated": 0, "unchanged": 1, "seconds": 0}
    lead = Lead.objects.get(screen=Screen.IDENTICAL_BIDS)
    assert lead.first_run == first and lead.last_run == second
    assert list(lead.events.values_list("action", flat=True)) == ["found"]
    assert second.bid_count == 3 and second.project_count == 1 and second.duration_seconds >= 0
    assert second.parameters[Screen.SHORT_TENDER_PERIOD]["min_days"] == 20


def test_growing_evidence_updates_the_lead_with_history(department):
    project, bids = identical_tender(department)
    run_now(trigger="command")
    lead = Lead.objects.get(screen=Screen.IDENTICAL_BIDS)
    bids[2].amount = bids[0].amount  # a third bidder at the same price
    bids[2].save()
    run_now(trigger="command")
    lead = Lead.objects.get(pk=lead.pk)
    assert lead.evidence["bids"] == 3 and lead.entities.count() == 3
    updated = lead.events.get(action="evidence_updated")
    assert updated.data["previous"]["evidence"]["bids"] == 2
    assert Lead.objects.filter(screen=Screen.IDENTICAL_BIDS).count() == 1


def test_summary_is_plain_chinese(department):
    identical_tender(department)
    run_now(trigger="command")
    lead = Lead.objects.get(screen=Screen.IDENTICAL_BIDS)
    assert "报价" in lead.summary and "TIE" in lead.summary


def test_dismiss_needs_a_reason_and_is_audited(department, supervisor):
    identical_tender(department)
    run_now(trigger="command")
    lead = Lead.objects.get(screen=Screen.IDENTICAL_BIDS)
    with pytest.raises(DomainError):
        lead_services.dismiss(lead=lead, actor=supervisor, reason="  ")
    lead = lead_services.dismiss(lead=lead, actor=supervisor, reason="同一集团统一报价，已核实无串通")
    assert lead.state == LeadState.DISMISSED and lead.dismissal_reason
    event = lead.events.get(action="dismiss")
    assert (event.actor, event.from_state, event.to_state) == (supervisor, "new", "dismissed")
    with pytest.raises(ActionNotAllowed):
        lead_services.start_review(lead=lead, actor=supervisor)
    with pytest.raises(PermissionError):
        event.delete()


def test_convert_opens_a_monitoring_report_in_the_office_queue(department, supervisor):
    project, _bids = identical_tender(department)
    run_now(trigger="command")
    lead = Lead.objects.get(screen=Screen.IDENTICAL_BIDS)
    lead_services.start_review(lead=lead, actor=supervisor)
    lead = lead_services.convert_to_case(lead=lead, actor=supervisor)
    case = Case.objects.get()
    assert lead.state == LeadState.CONVERTED and lead.case == case
    assert (case.kind, case.channel, case.project, case.department) == ("report", Channel.MONITORING, project, department)
    assert case.source_reference == f"lead:{lead.pk}" and lead.summary in case.facts
    intake = UserFactory(username="intake", roles=[OFFICE_INTAKE])
    assert case in queue(intake, "all")
    assert lead.events.get(action="convert").data["case_number"] == case.number


@pytest.fixture
def clock():
    with time_machine.travel(dt.datetime(2027, 1, 15, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))):
        yield


def test_raise_risk_moves_the_target_into_the_higher_stratum_of_the_next_draw(
        clock, department, supervisor, django_capture_on_commit_callbacks):
    project, bids = identical_tender(department)
    target = EntityTargetFactory(entity=bids[0].bidder, department=department, risk_grade="C")
    others = [EntityTargetFactory(department=department, risk_grade="C") for _ in range(5)]
    run_now(trigger="command")
    lead = Lead.objects.get(screen=Screen.IDENTICAL_BIDS)
    with pytest.raises(PermissionRefused):
        lead_services.raise_risk(lead=lead, actor=UserFactory(username="nobody"))
    lead_services.raise_risk(lead=lead, actor=supervisor, reason="围标嫌疑")
    target.refresh_from_db()
    assert target.risk_grade == "D"
    event = TargetEvent.objects.get(target=target)
    assert (event.from_state, event.to_state, event.data["source"]) == ("C", "D", f"lead:{lead.pk}")
    assert Lead.objects.get(pk=lead.pk).state == LeadState.RISK_RAISED
    # A plan that samples only grade D now draws the raised target, in stratum D.
    manager = UserFactory(username="mgr", roles=[INSPECTION_MANAGER])
    plan = InspectionPlanFactory(created_by=manager, ratio_a=0, ratio_b=0, ratio_c=0, ratio_d=10000)
    plan.departments.set([department])
    plan.items.set([InspectionItemFactory(department=department)])
    for _ in range(3):
        InspectorFactory(department=department)
    plans.approve_plan(plan=plan, actor=manager)
    with django_capture_on_commit_callbacks(execute=True):
        plans.start_draw(plan=plan, actor=manager, now=plan.draw_at + dt.timedelta(minutes=1))
    plan = InspectionPlan.objects.get(pk=plan.pk)
    assert plan.state == "drawn", plan.draw_message
    drawn = {i.target_id: i.stratum for i in plan.inspections.all()}
    assert drawn.get(target.pk) == "D"
    assert not any(o.pk in drawn for o in others)


def test_raise_risk_refuses_a_lead_without_targets(department, supervisor):
    identical_tender(department)
    run_now(trigger="command")
    lead = Lead.objects.get(screen=Screen.IDENTICAL_BIDS)
    with pytest.raises(DomainError):
        lead_services.raise_risk(lead=lead, actor=supervisor)
    assert Lead.objects.get(pk=lead.pk).state == LeadState.NEW


def test_visibility_by_role_and_department(department, supervisor):
    identical_tender(department)
    identical_tender(DepartmentFactory(code="JT"), code="TIE2")
    run_now(trigger="command")
    head = UserFactory(username="head", roles=[DEPARTMENT_HEAD])
    StaffProfileFactory(user=head, department=department)
    assert selectors.visible_leads(supervisor).filter(screen=Screen.IDENTICAL_BIDS).count() == 2
    assert selectors.visible_leads(UserFactory(username="aud", roles=[AUDITOR])).count() >= 2
    assert set(selectors.visible_leads(head).values_list("department", flat=True)) == {department.pk}
    for role in (INSPECTOR, EDITOR):
        user = UserFactory(username=f"u-{role.code}", roles=[role])
        StaffProfileFactory(user=user, department=department)
        assert not selectors.visible_leads(user).exists()
    other_lead = Lead.objects.exclude(department=department).first()
    with pytest.raises(PermissionRefused):
        lead_services.dismiss(lead=other_lead, actor=head, reason="不属本部门")
    metrics = selectors.lead_metrics(user=head)
    assert {row["department_id"] for row in metrics} == {department.pk}


def test_office_parameters_change_what_a_run_finds(department, supervisor):
    identical_tender(department)
    update_parameters(screen=Screen.IDENTICAL_BIDS, actor=supervisor, values={}, is_enabled=False)
    run = run_now(trigger="command")
    assert Screen.IDENTICAL_BIDS not in run.counts
    with pytest.raises(DomainError):
        update_parameters(screen=Screen.SHORT_TENDER_PERIOD, actor=supervisor, values={"min_days": "二十"})
    with pytest.raises(PermissionRefused):
        update_parameters(screen=Screen.SHORT_TENDER_PERIOD, actor=UserFactory(username="x"), values={"min_days": 5})


def test_a_failed_run_is_recorded(department, monkeypatch):
    from monitoring import screens

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(screens, "run_all", broken)
    with pytest.raises(RuntimeError):
        run_now(trigger="command")
    run = ScreenRun.objects.get()
    assert run.state == RunState.FAILED and "boom" in run.error
    assert not LeadEvent.objects.exists()
