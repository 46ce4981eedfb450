import datetime as dt
import io

import pytest
import tablib
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from inspections.models import InspectionPlan, InspectionTarget
from inspections.resources import InspectionTargetResource
from tests.factories.directory import DepartmentFactory, MarketEntityFactory

pytestmark = pytest.mark.django_db


def test_manager_creates_approves_and_draws_a_joint_plan(client, manager, city, django_capture_on_commit_callbacks):
    client.force_login(manager)
    draw_at = timezone.localtime() + dt.timedelta(hours=2)
    data = {
        "code": "CC2026-Q4", "title": "住建交通联合抽查", "kind": "routine", "period_start": "2026-12-01",
        "period_end": "2026-12-31", "ratio_a": 1000, "ratio_b": 1000, "ratio_c": 2000, "ratio_d": 5000,
        "frequency_months": 12, "inspectors_per_target": 2, "draw_at": draw_at.strftime("%Y-%m-%dT%H:%M"),
        "publication_deadline": "2027-02-26", "public_value_source": "",
        "departments": [city["zj"].pk, city["jt"].pk],
        "items": [i.pk for code in ("ZJ", "JT") for i in city["items"][code]],
    }
    response = client.post(reverse("inspections_plan:add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    plan = InspectionPlan.objects.get(code="CC2026-Q4")
    page = client.get(reverse("inspections_plan:edit", args=[plan.pk]))
    assert page.status_code == 200 and "住建交通联合抽查" in page.content.decode()
    response = client.post(reverse("inspections_plan_action", args=[plan.pk, "approve"]), {"version": plan.version})
    assert response.status_code == 302
    plan = InspectionPlan.objects.get(pk=plan.pk)
    assert plan.state == "approved"
    # too early: refused with a message, nothing changes
    response = client.post(reverse("inspections_plan_action", args=[plan.pk, "draw"]),
                           {"version": plan.version, "public_value": ""})
    assert response.status_code == 200 and plan.draw_record.manifest_sha256
    assert InspectionPlan.objects.get(pk=plan.pk).state == "approved"
    InspectionPlan.objects.filter(pk=plan.pk).update(draw_at=timezone.now() - dt.timedelta(minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("inspections_plan_action", args=[plan.pk, "draw"]),
                               {"version": plan.version, "public_value": ""})
    assert response.status_code == 302
    plan = InspectionPlan.objects.get(pk=plan.pk)
    assert plan.state == "drawn"
    page = client.get(reverse("inspections_plan:edit", args=[plan.pk])).content.decode()
    assert plan.inspections.first().reference in page
    export = client.get(reverse("inspections_plan_export", args=[plan.pk]))
    book = load_workbook(io.BytesIO(export.content))
    assert book.worksheets[1].max_row == plan.inspections.count() + 1


def test_inspector_records_a_result_through_the_back_office(client, drawn_plan):
    inspection = drawn_plan.inspections.order_by("draw_order").first()
    user = inspection.assignments.first().inspector.staff.user
    client.force_login(user)
    assert client.get(reverse("inspections_inspection:index")).status_code == 200
    url = reverse("inspections_inspection_action", args=[inspection.pk, "start"])
    assert client.post(url, {"version": 0, "started_on": "2026-12-02"}).status_code == 302
    url = reverse("inspections_inspection_action", args=[inspection.pk, "result"])
    response = client.post(url, {"version": 1, "outcome": "rectification", "findings": "", "ended_on": "2026-12-03"})
    assert response.status_code == 200
    assert "请描述发现的问题" in response.content.decode() or "Describe the problems found" in response.content.decode()
    response = client.post(url, {"version": 1, "outcome": "no_issue", "findings": "", "ended_on": "2026-12-03"})
    assert response.status_code == 302
    page = client.get(reverse("inspections_inspection:edit", args=[inspection.pk])).content.decode()
    assert "2026-12-03" in page
    # publishing is for managers
    refused = client.get(reverse("inspections_inspection_action", args=[inspection.pk, "publish"]))
    assert refused.status_code == 302 and refused.url == reverse("wagtailadmin_home")


def test_publishing_a_result_shows_the_redacted_summary_first(client, drawn_plan, manager):
    from inspections.models import Inspection
    from inspections.services import inspections as service

    inspection = drawn_plan.inspections.order_by("draw_order").first()
    inspector = inspection.assignments.first().inspector.staff.user
    service.start_inspection(inspection=inspection, actor=inspector, started_on=dt.date(2026, 12, 2))
    service.record_result(inspection=Inspection.objects.get(pk=inspection.pk), actor=inspector, outcome="no_issue",
                          findings="", ended_on=dt.date(2026, 12, 3))
    inspection = Inspection.objects.get(pk=inspection.pk)
    client.force_login(manager)
    url = reverse("inspections_inspection_action", args=[inspection.pk, "publish"])
    data = {"version": inspection.version, "summary": "未发现问题。招标人联系人王小明（13800138000），档案号20261234567。"}
    preview = client.post(url, data)
    shown = preview.content.decode().split("<form")[0]
    assert preview.status_code == 200 and Inspection.objects.get(pk=inspection.pk).state != "published"
    assert "招标人联系人王某某（***）" in shown and "王小明" not in shown and "13800138000" not in shown
    assert 'data-suspicion="number">20261234567</mark>' in shown
    data["previewed"] = preview.context["form"]["previewed"].value()
    assert client.post(url, data).status_code == 302
    published = Inspection.objects.get(pk=inspection.pk)
    assert published.state == "published" and published.public_summary.startswith("未发现问题。招标人联系人王某某（***）")


def test_inspector_cannot_open_someone_elses_inspection(client, drawn_plan, roles):
    from tests.factories.inspections import InspectorFactory

    outsider = InspectorFactory(department=drawn_plan.departments.first()).staff.user
    client.force_login(outsider)
    inspection = drawn_plan.inspections.first()
    assert client.get(reverse("inspections_inspection:edit", args=[inspection.pk])).status_code == 404


def test_target_import_refuses_the_whole_file_when_a_row_is_bad(city):
    good = MarketEntityFactory()
    data = tablib.Dataset(headers=["kind", "entity", "project", "department", "risk_grade"])
    data.append(["entity", good.code, "", "ZJ", "C"])
    data.append(["entity", "91330100NOTEXIST1", "", "ZJ", "C"])
    result = InspectionTargetResource().import_data(data, dry_run=False)
    assert result.has_errors() or result.has_validation_errors()
    assert not InspectionTarget.objects.filter(entity=good).exists()
    data = tablib.Dataset(headers=["kind", "entity", "project", "department", "risk_grade"])
    data.append(["entity", good.code, "", "ZJ", "C"])
    result = InspectionTargetResource().import_data(data, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert InspectionTarget.objects.get(entity=good).risk_grade == "C"


def test_back_office_screens_render_for_the_manager(client, manager, drawn_plan, city):
    from tests.factories.inspections import InspectorTieFactory

    inspector = city["inspectors"]["ZJ"][0]
    InspectorTieFactory(inspector=inspector, entity=city["targets"]["ZJ"][0].entity)
    client.force_login(manager)
    inspection = drawn_plan.inspections.first()
    urls = [reverse(f"inspections_{name}:index") for name in ("plan", "inspection", "item", "target", "inspector", "tie")]
    urls += [reverse("inspections_plan:add"), reverse("inspections_build_targets"),
             reverse("inspections_inspection:edit", args=[inspection.pk]),
             reverse("inspections_inspection_action", args=[inspection.pk, "start"]),
             reverse("inspections_plan_action", args=[drawn_plan.pk, "cancel"])]
    for url in urls:
        assert client.get(url).status_code == 200, url
    conflicts = client.get(reverse("inspections_inspector_conflicts", args=[inspector.pk])).content.decode()
    assert city["targets"]["ZJ"][0].name in conflicts
    assert "原工作单位" in conflicts


def test_building_targets_from_the_directory(client, manager, roles):
    entity = MarketEntityFactory(department=DepartmentFactory())
    client.force_login(manager)
    response = client.post(reverse("inspections_build_targets"), {"default_grade": "C"})
    assert response.status_code == 302
    assert InspectionTarget.objects.get(entity=entity).risk_grade == "C"


def test_relative_declared_by_id_number_creates_a_derived_conflict(client, manager, city):
    from directory import identity
    from directory.models import EntityRelation
    from inspections.models import InspectorTie

    target = city["targets"]["JT"][0]
    protected = identity.protect("330102197001011235")
    EntityRelation.objects.create(entity=target.entity, kind="shareholder", value="李四",
                                  person_id_hash=protected.index, person_id_sealed=protected.sealed)
    inspector = city["inspectors"]["JT"][0]
    client.force_login(manager)
    url = reverse("inspections_tie:add")
    for wrong in ("12345", "330102197001011234"):  # too short; wrong check digit
        response = client.post(url, {"inspector": inspector.pk, "kind": "relative", "relative_name": "李四（兄）",
                                     "relative_id_number": wrong, "note": ""})
        assert response.status_code == 200 and not InspectorTie.objects.exists()
        assert "请输入 18 位居民身份证号码。" in response.content.decode()
    # Typed with full-width digits and spaces, it is the same person.
    response = client.post(url, {"inspector": inspector.pk, "kind": "relative", "relative_name": "李四（兄）",
                                 "relative_id_number": "３３０１０２ 19700101 1235", "note": ""})
    assert response.status_code == 302
    tie = InspectorTie.objects.get()
    assert tie.relative_id_hash == protected.index and "330102197001011235" not in tie.relative_id_sealed
    page = client.get(reverse("inspections_inspector_conflicts", args=[inspector.pk])).content.decode()
    assert target.name in page and "李四（兄）" in page
