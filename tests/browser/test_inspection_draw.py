"""Browser test of a random-inspection draw (issue 9 item 13): the inspection manager drafts a
plan in the back office, approves it (the manifest is published), enters the announced public
value when the draw time has come and runs the draw (tasks run eagerly in tests); a citizen then
verifies the draw on its public page with the downloaded files and the documented checker.
Screenshots: test-artifacts/<test name>/."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from directory.roles import INSPECTION_MANAGER
from inspections.models import InspectionPlan
from tests.browser.conftest import download_and_verify_draw, log_in_staff
from tests.factories.directory import DepartmentFactory, UserFactory
from tests.factories.inspections import EntityTargetFactory, InspectionItemFactory, InspectorFactory

# serialized_rollback: the flush after a live-server test must not take Wagtail's root page from
# the tests that run later.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PLAN_CODE = "SJ2026-12"
PUBLIC_VALUE_SOURCE = "2026年12月10日中国福利彩票3D开奖号码"


@pytest.fixture
def department_with_targets(roles):
    department = DepartmentFactory(code="ZJ", name="市住房和城乡建设局", short_name="住建局")
    items = [InspectionItemFactory(department=department) for _ in range(2)]
    for index in range(16):
        EntityTargetFactory(department=department, risk_grade="ABCD"[index % 4])
    for _ in range(3):
        InspectorFactory(department=department)
    return department, items


def test_the_office_runs_a_draw_and_the_public_verifies_it(open_page, department_with_targets, tmp_path):
    department, items = department_with_targets
    manager = UserFactory(username="insp_manager", roles=[INSPECTION_MANAGER])
    office = open_page("office")
    log_in_staff(office, manager)
    office.goto(reverse("inspections_plan:index"))
    office.shot("plans")

    draw_at = (timezone.localtime() + dt.timedelta(minutes=3)).replace(second=0, microsecond=0)
    draft_the_plan(office, department, items, draw_at)
    office.get_by_role("link", name="批准并公布抽取清单").click()
    office.shot("approve-form")
    office.get_by_role("button", name="批准并公布抽取清单").click()
    office.wait_for_load_state()
    office.shot("approved")
    plan = InspectionPlan.objects.get(code=PLAN_CODE)
    assert plan.state == "approved" and plan.draw_record.manifest_sha256 in office.inner_text("body")

    citizen = open_page("citizen")
    citizen.goto(f"/inspections/plans/{PLAN_CODE}/")
    citizen.shot("manifest-before-the-draw")
    assert plan.draw_record.manifest_sha256 in citizen.inner_text("main")

    # The published draw time comes (the clock keeps ticking from there).
    with time_machine.travel(draw_at + dt.timedelta(minutes=1), tick=True):
        office.reload()
        office.get_by_role("link", name="执行抽取").click()
        office.fill("input[name=public_value]", "358")
        office.shot("draw-form")
        office.get_by_role("button", name="执行抽取").click()
        office.wait_for_load_state()
        office.shot("drawn")
        plan = InspectionPlan.objects.get(code=PLAN_CODE)
        assert plan.state == "drawn", plan.draw_message
        assert plan.inspections.count() > 0
        assert plan.inspections.first().reference in office.inner_text("body")

        citizen.reload()
        citizen.shot("public-result")
        assert "358" in citizen.inner_text("main")
        download_and_verify_draw(citizen, tmp_path / "draw")


def draft_the_plan(page, department, items, draw_at) -> None:
    today = timezone.localdate()
    page.goto(reverse("inspections_plan:add"))
    page.fill("input[name=code]", PLAN_CODE)
    page.fill("input[name=title]", "2026年12月住建领域双随机抽查")
    page.fill("input[name=period_start]", (today + dt.timedelta(days=7)).isoformat())
    page.fill("input[name=period_end]", (today + dt.timedelta(days=37)).isoformat())
    page.fill("input[name=ratio_a]", "2000")
    page.fill("input[name=ratio_b]", "3000")
    page.fill("input[name=ratio_c]", "5000")
    page.fill("input[name=ratio_d]", "10000")
    page.fill("input[name=draw_at]", draw_at.strftime("%Y-%m-%dT%H:%M"))
    page.fill("input[name=publication_deadline]", (today + dt.timedelta(days=90)).isoformat())
    page.fill("input[name=public_value_source]", PUBLIC_VALUE_SOURCE)
    # The value becomes public after the approval below and before the draw.
    published_at = draw_at - dt.timedelta(minutes=1)
    page.fill("input[name=public_value_published_at]", published_at.strftime("%Y-%m-%dT%H:%M"))
    page.check(f"input[name=departments][value='{department.pk}']")
    for item in items:
        page.check(f"input[name=items][value='{item.pk}']")
    page.shot("plan-form")
    page.get_by_role("button", name="保存草稿").click()
    page.wait_for_load_state()
    page.shot("plan-saved")
    assert PLAN_CODE in page.inner_text("body")
