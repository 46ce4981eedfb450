import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from directory.models import CalendarDay
from inspections.models import Inspection, InspectionEvent, InspectionTarget, TargetEvent
from inspections.services import inspections as service
from inspections.services import publication
from notifications.models import Notification
from portal.errors import ActionNotAllowed, PermissionRefused
from publicity.models import Disclosure
from tests.factories.directory import UserFactory
from tests.factories.files import PNG_BYTES

pytestmark = pytest.mark.django_db

PNG = PNG_BYTES


def first_inspection(plan) -> Inspection:
    return Inspection.objects.filter(plan=plan).order_by("draw_order").first()


def team_member(inspection):
    return inspection.assignments.first().inspector.staff.user


def test_assigned_inspector_records_a_problem_which_raises_the_grade(drawn_plan):
    CalendarDay.objects.create(date=dt.date(2027, 1, 1), is_workday=False, note="元旦")
    inspection = first_inspection(drawn_plan)
    inspector = team_member(inspection)
    grade_before = inspection.target.risk_grade
    service.start_inspection(inspection=inspection, actor=inspector, started_on=dt.date(2026, 12, 3))
    inspection = service.record_result(
        inspection=Inspection.objects.get(pk=inspection.pk), actor=inspector, outcome="rectification",
        findings="招标文件设置不合理的资格条件", ended_on=dt.date(2026, 12, 4),
        rectification_deadline=dt.date(2026, 12, 31))
    assert inspection.state == "result_recorded"
    # 20 working days after Friday 2026-12-04, New Year's Day off
    assert inspection.publish_due == dt.date(2027, 1, 4)
    target = InspectionTarget.objects.get(pk=inspection.target_id)
    assert target.last_inspected_on == dt.date(2026, 12, 4)
    assert target.risk_grade == {"A": "B", "B": "C", "C": "D", "D": "D"}[grade_before]
    if grade_before != "D":
        event = TargetEvent.objects.get(target=target, action="grade_changed")
        assert (event.from_state, event.to_state) == (grade_before, target.risk_grade)
    inspection = service.verify_rectification(inspection=inspection, actor=inspector,
                                              verified_on=dt.date(2027, 1, 2), note="复查已整改")
    assert inspection.state == "rectification_verified"
    assert list(InspectionEvent.objects.filter(inspection=inspection).values_list("action", flat=True)) == [
        "start", "record_result", "verify_rectification"]


def test_other_users_cannot_work_the_inspection(drawn_plan, roles):
    from directory.roles import INSPECTOR
    from tests.factories.inspections import InspectorFactory

    inspection = first_inspection(drawn_plan)
    outsider = InspectorFactory(department=drawn_plan.departments.first()).staff.user
    assert outsider.groups.filter(name=INSPECTOR.group_name).exists()
    with pytest.raises(PermissionRefused):
        service.start_inspection(inspection=inspection, actor=outsider, started_on=dt.date(2026, 12, 3))
    with pytest.raises(PermissionRefused):
        service.start_inspection(inspection=inspection, actor=UserFactory(), started_on=dt.date(2026, 12, 3))


def test_bad_results_are_refused_with_field_errors(drawn_plan):
    inspection = first_inspection(drawn_plan)
    inspector = team_member(inspection)
    service.start_inspection(inspection=inspection, actor=inspector, started_on=dt.date(2026, 12, 3))
    with pytest.raises(ValidationError) as info:
        service.record_result(inspection=inspection, actor=inspector, outcome="rectification", findings="",
                              ended_on=dt.date(2026, 12, 4))
    assert {"findings", "rectification_deadline"} <= set(info.value.message_dict)
    with pytest.raises(ValidationError) as info:
        service.record_result(inspection=inspection, actor=inspector, outcome="no_issue", findings="",
                              ended_on=dt.date(2026, 12, 1))
    assert "ended_on" in info.value.message_dict
    assert Inspection.objects.get(pk=inspection.pk).state == "in_progress"


def test_no_issue_result_is_published_to_publicity(drawn_plan, manager):
    inspection = first_inspection(drawn_plan)
    inspector = team_member(inspection)
    service.start_inspection(inspection=inspection, actor=inspector, started_on=dt.date(2026, 12, 3))
    inspection = service.record_result(inspection=Inspection.objects.get(pk=inspection.pk), actor=inspector,
                                       outcome="no_issue", findings="", ended_on=dt.date(2026, 12, 3))
    with pytest.raises(ActionNotAllowed):
        service.verify_rectification(inspection=inspection, actor=inspector, verified_on=dt.date(2026, 12, 5),
                                     note="无")
    with pytest.raises(PermissionRefused):
        publication.publish_result(inspection=inspection, actor=inspector)
    inspection = publication.publish_result(inspection=inspection, actor=manager)
    assert inspection.state == "published"
    disclosure = Disclosure.objects.get(pk=inspection.disclosure_reference)
    assert disclosure.kind == "inspection_result"
    assert "No issue found" in disclosure.body or "未发现问题" in disclosure.body
    assert inspection.target.name in disclosure.title


def test_the_published_summary_is_redacted_everywhere(drawn_plan, manager, client):
    inspection = first_inspection(drawn_plan)
    inspector = team_member(inspection)
    staff = inspection.assignments.first().inspector.staff
    service.start_inspection(inspection=inspection, actor=inspector, started_on=dt.date(2026, 12, 3))
    inspection = service.record_result(inspection=Inspection.objects.get(pk=inspection.pk), actor=inspector,
                                       outcome="no_issue", findings="", ended_on=dt.date(2026, 12, 3))
    summary = (f"检查人员{staff.full_name}现场检查，招标人联系人王小明（电话0571-8765 4321，"
               "身份证330106198503071234）陪同。未发现问题。")
    inspection = publication.publish_result(inspection=inspection, actor=manager, summary=summary)
    disclosure = Disclosure.objects.get(pk=inspection.disclosure_reference)
    assert inspection.public_summary == disclosure.body
    page = client.get(f"/inspections/plans/{drawn_plan.code}/").content.decode()
    # Inspectors' names are public by law in their own column (执法公示), not inside the summary.
    assert staff.full_name not in inspection.public_summary
    for text in (inspection.public_summary, page):
        assert "王小明" not in text and "4321" not in text and "330106" not in text
    assert "联系人王某某（电话***，身份证***）陪同" in inspection.public_summary
    assert inspection.public_summary in page


def test_evidence_is_sniffed(drawn_plan):
    inspection = first_inspection(drawn_plan)
    inspector = team_member(inspection)
    evidence = service.add_evidence(inspection=inspection, actor=inspector,
                                    upload=SimpleUploadedFile("photo.png", PNG), description="现场照片")
    assert evidence.content_type == "image/png" and len(evidence.sha256) == 64
    with pytest.raises(ValidationError):
        service.add_evidence(inspection=inspection, actor=inspector,
                             upload=SimpleUploadedFile("evil.png", b"MZ\x90\x00 not an image"))


def test_reminders_then_supervision_of_overdue_publication(drawn_plan, manager):
    inspection = first_inspection(drawn_plan)
    inspector = team_member(inspection)
    inspector.email = "inspector@example.cn"
    inspector.save()
    service.start_inspection(inspection=inspection, actor=inspector, started_on=dt.date(2026, 12, 3))
    inspection = service.record_result(inspection=Inspection.objects.get(pk=inspection.pk), actor=inspector,
                                       outcome="no_issue", findings="", ended_on=dt.date(2026, 12, 4))
    assert publication.send_publication_reminders(today=dt.date(2026, 12, 10)) == {"reminded": 0, "overdue": 0}
    assert publication.send_publication_reminders(today=dt.date(2026, 12, 29)) == {"reminded": 1, "overdue": 0}
    assert publication.send_publication_reminders(today=dt.date(2026, 12, 30)) == {"reminded": 0, "overdue": 0}
    assert Notification.objects.filter(address="inspector@example.cn", subject__contains=inspection.reference).count() == 1
    assert publication.send_publication_reminders(today=dt.date(2027, 1, 5)) == {"reminded": 0, "overdue": 1}
    assert publication.send_publication_reminders(today=dt.date(2027, 1, 6)) == {"reminded": 0, "overdue": 0}
    assert InspectionEvent.objects.filter(inspection=inspection, action="overdue").count() == 1


def test_a_problem_opens_a_report_case_in_one_action(drawn_plan):
    from cases.models import Case

    inspection = first_inspection(drawn_plan)
    inspector = team_member(inspection)
    grade_before = inspection.target.risk_grade
    service.start_inspection(inspection=inspection, actor=inspector, started_on=dt.date(2026, 12, 3))
    inspection = service.record_result(inspection=Inspection.objects.get(pk=inspection.pk), actor=inspector,
                                       outcome="case_opened", findings="投标文件雷同，涉嫌串通投标",
                                       ended_on=dt.date(2026, 12, 4))
    case = Case.objects.get(number=inspection.case_number)
    assert (case.kind, case.channel, case.source_reference) == ("report", "inspection", inspection.reference)
    assert case.department == inspection.target.department
    assert case.respondent == inspection.target.entity
    assert "串通投标" in case.facts
    assert InspectionEvent.objects.filter(inspection=inspection, action="case_opened").exists()
    if grade_before != "D":
        assert InspectionTarget.objects.get(pk=inspection.target_id).risk_grade != grade_before
