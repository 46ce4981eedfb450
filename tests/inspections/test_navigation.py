"""What a newcomer trips over between plan, draw, inspections and publication (issue 5)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.exports import staff_name
from directory.roles import AUDITOR, EDITOR
from inspections.models import Inspection, InspectionPlan
from inspections.services import inspections as service
from inspections.services import plans
from tests.factories.directory import UserFactory

pytestmark = pytest.mark.django_db


def first_inspection(plan) -> Inspection:
    return plan.inspections.order_by("draw_order").first()


def test_inspector_opens_an_assigned_inspection_from_the_list(client, drawn_plan):
    inspection = first_inspection(drawn_plan)
    client.force_login(inspection.assignments.first().inspector.staff.user)
    page = client.get(reverse("inspections_inspection:index")).content.decode()
    detail_url = reverse("inspections_inspection:edit", args=[inspection.pk])
    assert f'href="{detail_url}"' in page
    assert client.get(detail_url).status_code == 200


def test_read_only_roles_open_plans_from_the_list(client, drawn_plan):
    client.force_login(UserFactory(roles=[AUDITOR]))
    page = client.get(reverse("inspections_plan:index")).content.decode()
    plan_url = reverse("inspections_plan:edit", args=[drawn_plan.pk])
    assert f'href="{plan_url}"' in page
    detail = client.get(plan_url).content.decode()
    assert "批准并公布抽取清单</a>" not in detail and "执行抽取</a>" not in detail


def test_plan_page_history_is_translated_with_staff_names(client, drawn_plan, manager):
    client.force_login(manager)
    page = client.get(reverse("inspections_plan:edit", args=[drawn_plan.pk])).content.decode()
    assert "批准并公布抽取清单" in page and "开始抽取" in page and "抽取完成" in page
    assert "· approve ·" not in page and "· draw_finished" not in page
    assert staff_name(manager) in page
    # breadcrumbs lead back to the plan list, and the page names the plan
    assert reverse("inspections_plan:index") in page and drawn_plan.title in page


def test_action_pages_lead_back_to_their_plan_and_inspection(client, drawn_plan, manager):
    client.force_login(manager)
    inspection = first_inspection(drawn_plan)
    page = client.get(reverse("inspections_inspection_action", args=[inspection.pk, "start"])).content.decode()
    assert reverse("inspections_plan:edit", args=[drawn_plan.pk]) in page
    assert reverse("inspections_inspection:edit", args=[inspection.pk]) in page
    detail = client.get(reverse("inspections_inspection:edit", args=[inspection.pk])).content.decode()
    assert reverse("inspections:plan", args=[drawn_plan.code]) in detail
    cancel = client.get(reverse("inspections_plan_action", args=[drawn_plan.pk, "cancel"])).content.decode()
    assert reverse("inspections_plan:edit", args=[drawn_plan.pk]) in cancel


def test_draw_form_asks_for_a_public_value_only_when_one_was_announced(client, make_plan, manager):
    client.force_login(manager)
    silent = make_plan()
    plans.approve_plan(plan=silent, actor=manager)
    page = client.get(reverse("inspections_plan_action", args=[silent.pk, "draw"])).content.decode()
    assert 'type="hidden" name="public_value"' in page
    announced = make_plan(code="CC2026-LOT", public_value_source="福彩3D 2026-12-01 开奖号码",
                          public_value_published_at=timezone.now() + dt.timedelta(minutes=30))
    plans.approve_plan(plan=announced, actor=manager)
    page = client.get(reverse("inspections_plan_action", args=[announced.pk, "draw"])).content.decode()
    assert 'type="text" name="public_value"' in page and "福彩3D 2026-12-01 开奖号码" in page
    InspectionPlan.objects.filter(pk=announced.pk).update(draw_at=timezone.now() - dt.timedelta(minutes=1),
                                                          public_value_published_at=timezone.now() - dt.timedelta(minutes=2))
    response = client.post(reverse("inspections_plan_action", args=[announced.pk, "draw"]),
                           {"version": InspectionPlan.objects.get(pk=announced.pk).version, "public_value": ""})
    assert response.status_code == 200 and InspectionPlan.objects.get(pk=announced.pk).state == "approved"
    assert "请填写为本次抽取预告的公开值" in response.content.decode()


def test_dates_in_the_future_are_refused_and_nothing_changes(client, drawn_plan):
    inspection = first_inspection(drawn_plan)
    inspector = inspection.assignments.first().inspector.staff.user
    client.force_login(inspector)
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = client.post(reverse("inspections_inspection_action", args=[inspection.pk, "start"]),
                           {"version": 0, "started_on": tomorrow})
    assert response.status_code == 200 and "该日期尚未到来" in response.content.decode()
    assert Inspection.objects.get(pk=inspection.pk).state == "assigned"
    service.start_inspection(inspection=inspection, actor=inspector, started_on=dt.date(2026, 12, 3))
    response = client.post(reverse("inspections_inspection_action", args=[inspection.pk, "result"]),
                           {"version": 1, "outcome": "no_issue", "findings": "", "ended_on": tomorrow})
    assert response.status_code == 200 and "该日期尚未到来" in response.content.decode()
    assert Inspection.objects.get(pk=inspection.pk).state == "in_progress"


def test_approved_plan_page_explains_when_the_draw_happens(client, make_plan, manager):
    plan = make_plan(ratio_a=250)
    plans.approve_plan(plan=plan, actor=manager)
    page = client.get(reverse("inspections:plan", args=[plan.code])).content.decode()
    assert "尚未抽取" in page
    assert "A: 2.5% (250‱)" in page


def test_public_page_links_the_specification_and_labels_result_cells(client, drawn_plan):
    page = client.get(reverse("inspections:plan", args=[drawn_plan.code])).content.decode()
    spec_url = reverse("inspections:specification")
    assert f'href="{spec_url}"' in page and "docs/draw-algorithm.md" not in page
    assert 'data-label="检查人员"' in page and "尚未公示" in page
    spec = client.get(spec_url)
    assert spec.status_code == 200 and spec["Content-Type"].startswith("text/markdown")
    assert "sjsg-draw/2" in spec.content.decode()


def test_editing_a_draft_plan_shows_its_dates_in_the_date_pickers(client, make_plan, manager):
    plan = make_plan()
    client.force_login(manager)
    page = client.get(reverse("inspections_plan_edit", args=[plan.pk])).content.decode()
    assert 'value="2026-12-01"' in page and 'value="2026-12-31"' in page and 'value="2027-02-26"' in page


def test_dashboard_lists_the_work_waiting_for_each_user(client, drawn_plan, make_plan, manager):
    inspection = first_inspection(drawn_plan)
    client.force_login(inspection.assignments.first().inspector.staff.user)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("inspections_inspection:edit", args=[inspection.pk]) in page
    assert reverse("inspections_plan:edit", args=[drawn_plan.pk]) not in page  # inspectors do not approve plans
    draft = make_plan(code="CC2026-DRAFT")
    client.force_login(manager)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("inspections_plan:edit", args=[draft.pk]) in page and "CC2026-DRAFT" in page
    client.force_login(UserFactory(roles=[EDITOR]))
    home = client.get(reverse("wagtailadmin_home"))
    assert home.status_code == 200 and "inspection-work-heading" not in home.content.decode()


def test_editing_an_approved_plan_leads_back_to_its_page(client, drawn_plan, manager):
    client.force_login(manager)
    response = client.get(reverse("inspections_plan_edit", args=[drawn_plan.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("inspections_plan:edit", args=[drawn_plan.pk])
    assert "只有草稿计划可以修改" in response.content.decode()


def test_new_plan_form_explains_the_plan_number_and_draw_time(client, manager, city):
    client.force_login(manager)
    page = client.get(reverse("inspections_plan:add")).content.decode()
    assert "例如 SJ2026-12" in page and "不能提前抽取" in page
