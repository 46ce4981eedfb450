"""Correcting a recorded result before publication: reason, audit event, risk grade follows."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from inspections.models import Inspection, InspectionEvent, InspectionTarget, TargetEvent
from inspections.services import corrections, publication
from inspections.services import inspections as service
from portal.errors import ActionNotAllowed, PermissionRefused
from tests.factories.inspections import InspectorFactory

pytestmark = pytest.mark.django_db


def recorded(plan, *, outcome="rectification", grade="B", **extra):
    """The plan's first inspection, its target set to `grade`, with a result recorded."""
    inspection = plan.inspections.order_by("draw_order").first()
    InspectionTarget.objects.filter(pk=inspection.target_id).update(risk_grade=grade)
    inspector = inspection.assignments.first().inspector.staff.user
    service.start_inspection(inspection=inspection, actor=inspector, started_on=dt.date(2026, 12, 3))
    values = {"findings": "资格条件设置不合理", "rectification_deadline": dt.date(2026, 12, 31)} \
        if outcome == "rectification" else {"findings": ""}
    inspection = service.record_result(inspection=Inspection.objects.get(pk=inspection.pk), actor=inspector,
                                       outcome=outcome, ended_on=dt.date(2026, 12, 4), **{**values, **extra})
    return inspection, inspector


def test_withdrawn_problem_undoes_the_grade_raise_and_is_audited(drawn_plan):
    inspection, inspector = recorded(drawn_plan, grade="B")
    assert InspectionTarget.objects.get(pk=inspection.target_id).risk_grade == "C"
    inspection = corrections.correct_result(
        inspection=inspection, actor=inspector, reason="复核发现资格条件符合规定，原结论有误", outcome="no_issue",
        findings="", ended_on=dt.date(2026, 12, 5), expected_version=inspection.version)
    assert (inspection.state, inspection.outcome, inspection.rectification_deadline) == (
        "result_recorded", "no_issue", None)
    target = InspectionTarget.objects.get(pk=inspection.target_id)
    assert target.risk_grade == "B" and target.last_inspected_on == dt.date(2026, 12, 5)
    undo = TargetEvent.objects.filter(target=target).latest("id")
    assert (undo.from_state, undo.to_state) == ("C", "B") and "原结论有误" in undo.note
    event = InspectionEvent.objects.get(inspection=inspection, action="correct_result")
    assert event.note == "复核发现资格条件符合规定，原结论有误" and event.actor == inspector
    assert event.data["before"]["outcome"] == "rectification" and event.data["after"]["outcome"] == "no_issue"
    # publish_due follows the corrected end date
    assert inspection.publish_due > dt.date(2026, 12, 5)


def test_newly_found_problem_raises_the_grade(drawn_plan):
    inspection, inspector = recorded(drawn_plan, outcome="no_issue", grade="A")
    corrections.correct_result(inspection=inspection, actor=inspector, reason="补充发现问题", outcome="referred",
                               findings="涉嫌围标", ended_on=dt.date(2026, 12, 4),
                               referred_to=drawn_plan.departments.first())
    assert InspectionTarget.objects.get(pk=inspection.target_id).risk_grade == "B"


def test_grade_changed_since_is_left_to_the_office(drawn_plan, manager):
    from inspections.services.targets import change_grade

    inspection, inspector = recorded(drawn_plan, grade="B")
    change_grade(target=inspection.target, grade="D", actor=manager, reason="监测线索")
    corrections.correct_result(inspection=inspection, actor=inspector, reason="原结论有误", outcome="no_issue",
                               findings="", ended_on=dt.date(2026, 12, 4))
    assert InspectionTarget.objects.get(pk=inspection.target_id).risk_grade == "D"


def test_verification_survives_only_an_unchanged_rectification(drawn_plan):
    inspection, inspector = recorded(drawn_plan)
    inspection = service.verify_rectification(inspection=inspection, actor=inspector,
                                              verified_on=dt.date(2027, 1, 2), note="复查已整改")
    inspection = corrections.correct_result(
        inspection=inspection, actor=inspector, reason="补充问题描述", outcome="rectification",
        findings="资格条件设置不合理，且评分标准含倾向性条款", ended_on=dt.date(2026, 12, 4),
        rectification_deadline=dt.date(2026, 12, 31))
    assert inspection.state == "rectification_verified" and inspection.rectification_verified_on
    inspection = corrections.correct_result(
        inspection=inspection, actor=inspector, reason="整改期限有误", outcome="rectification",
        findings=inspection.findings, ended_on=dt.date(2026, 12, 4), rectification_deadline=dt.date(2027, 1, 10))
    assert inspection.state == "result_recorded" and inspection.rectification_verified_on is None


def test_refusals_change_nothing(drawn_plan, manager):
    inspection, inspector = recorded(drawn_plan)
    kwargs = {"outcome": "no_issue", "findings": "", "ended_on": dt.date(2026, 12, 4)}
    with pytest.raises(ValidationError) as missing_reason:
        corrections.correct_result(inspection=inspection, actor=inspector, reason="  ", **kwargs)
    assert "reason" in missing_reason.value.message_dict
    with pytest.raises(ValidationError):
        corrections.correct_result(inspection=inspection, actor=inspector, reason="无变化", outcome="rectification",
                                   findings="资格条件设置不合理", ended_on=dt.date(2026, 12, 4),
                                   rectification_deadline=dt.date(2026, 12, 31))
    outsider = InspectorFactory(department=inspection.target.department).staff.user
    with pytest.raises(PermissionRefused):
        corrections.correct_result(inspection=inspection, actor=outsider, reason="越权", **kwargs)
    with pytest.raises(ValidationError):
        corrections.correct_result(inspection=inspection, actor=inspector, reason="未来日期", outcome="no_issue",
                                   findings="", ended_on=dt.date(2027, 2, 1))
    publication.publish_result(inspection=Inspection.objects.get(pk=inspection.pk), actor=manager)
    with pytest.raises(ActionNotAllowed):
        corrections.correct_result(inspection=Inspection.objects.get(pk=inspection.pk), actor=inspector,
                                   reason="公示后更正", **kwargs)
    inspection = Inspection.objects.get(pk=inspection.pk)
    assert inspection.outcome == "rectification" and inspection.state == "published"
    assert not InspectionEvent.objects.filter(inspection=inspection, action="correct_result").exists()


def test_correction_through_the_back_office(client, drawn_plan):
    inspection, inspector = recorded(drawn_plan)
    client.force_login(inspector)
    detail_url = reverse("inspections_inspection:edit", args=[inspection.pk])
    url = reverse("inspections_inspection_action", args=[inspection.pk, "correct"])
    assert url in client.get(detail_url).content.decode()
    form = client.get(url).content.decode()
    assert "结果公示前均可更正" in form
    # prefilled with the recorded result, dates in the ISO form a date picker can show
    assert "资格条件设置不合理" in form and 'value="2026-12-31"' in form and 'value="2026-12-04"' in form
    data = {"version": inspection.version, "outcome": "no_issue", "findings": "", "ended_on": "2026-12-04"}
    response = client.post(url, data)
    assert response.status_code == 200 and "reason" in response.context["form"].errors
    assert Inspection.objects.get(pk=inspection.pk).outcome == "rectification"
    response = client.post(url, {**data, "reason": "复核后确认无问题"})
    assert response.status_code == 302
    page = client.get(detail_url).content.decode()
    assert "更正检查结果" in page and "复核后确认无问题" in page and "未发现问题" in page
