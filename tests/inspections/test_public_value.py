"""The public random value cannot be known when the plan is approved, is entered only once it is
published, by someone allowed to, with a record of who entered it; a plan without one says what
its verification proves."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from inspections.models import InspectionPlan, PlanEvent
from inspections.services import plans
from inspections.services.public_value import enter_public_value
from portal.errors import DomainError, PermissionRefused
from tests.factories.directory import UserFactory

pytestmark = pytest.mark.django_db

SOURCE = "中国福利彩票3D 2027年1月15日开奖号码"


def lottery_plan(make_plan, *, published_in=dt.timedelta(minutes=30)):
    """Draw in an hour; the lottery result is public in `published_in`."""
    return make_plan(public_value_source=SOURCE, public_value_published_at=timezone.now() + published_in)


def test_approval_refuses_a_public_value_already_published(make_plan, manager):
    plan = lottery_plan(make_plan, published_in=-dt.timedelta(days=1))
    with pytest.raises(DomainError, match="不晚于批准时间"):
        plans.approve_plan(plan=plan, actor=manager)
    assert InspectionPlan.objects.get(pk=plan.pk).state == "draft"


def test_a_public_value_needs_its_publication_time_before_the_draw(make_plan):
    plan = make_plan(public_value_source=SOURCE)
    with pytest.raises(ValidationError) as info:
        plan.full_clean(exclude=["state"])
    assert "public_value_published_at" in info.value.message_dict
    plan.public_value_published_at = plan.draw_at + dt.timedelta(hours=2)
    with pytest.raises(ValidationError) as info:
        plan.full_clean(exclude=["state"])
    assert "draw_at" in info.value.message_dict


def test_approval_publishes_when_the_value_becomes_public(make_plan, manager):
    import json

    plan = lottery_plan(make_plan)
    record = plans.approve_plan(plan=plan, actor=manager)
    manifest = json.loads(record.manifest_json)
    assert manifest["algorithm"] == "sjsg-draw/3"
    assert manifest["public_value_source"] == SOURCE
    assert manifest["public_value_time"] == timezone.localtime(plan.public_value_published_at).isoformat()


def test_the_value_cannot_be_entered_before_it_is_published(make_plan, manager):
    plan = lottery_plan(make_plan)
    plans.approve_plan(plan=plan, actor=manager)
    with pytest.raises(DomainError, match="公布前不能录入"):
        enter_public_value(plan=plan, actor=manager, value="472",
                           now=plan.public_value_published_at - dt.timedelta(minutes=1))
    assert not PlanEvent.objects.filter(plan=plan, action="enter_public_value").exists()


def test_the_early_draw_is_refused_even_with_the_value_in_hand(make_plan, manager):
    plan = lottery_plan(make_plan)
    plans.approve_plan(plan=plan, actor=manager)
    with pytest.raises(DomainError, match="不能提前抽取"):
        plans.start_draw(plan=plan, actor=manager, public_value="472", now=plan.draw_at - dt.timedelta(minutes=5))
    assert InspectionPlan.objects.get(pk=plan.pk).state == "approved"
    # A plan approved before this rule, whose draw time is before the value is public, still waits.
    InspectionPlan.objects.filter(pk=plan.pk).update(public_value_published_at=plan.draw_at + dt.timedelta(hours=1))
    with pytest.raises(DomainError, match="公布前不能录入，也不能抽取"):
        plans.start_draw(plan=plan, actor=manager, public_value="472", now=plan.draw_at + dt.timedelta(minutes=5))


def test_entering_the_value_is_recorded_with_who_and_when(make_plan, manager, client,
                                                          django_capture_on_commit_callbacks):
    plan = lottery_plan(make_plan)
    plans.approve_plan(plan=plan, actor=manager)
    entered_at = plan.public_value_published_at + dt.timedelta(minutes=10)
    record = enter_public_value(plan=plan, actor=manager, value=" 472 ", now=entered_at)
    assert (record.public_value, record.public_value_entered_by, record.public_value_entered_at) == (
        "472", manager, entered_at)
    event = PlanEvent.objects.get(plan=plan, action="enter_public_value")
    assert event.actor == manager and event.data["public_value"] == "472"
    with pytest.raises(DomainError, match="已录入"):
        enter_public_value(plan=plan, actor=manager, value="473", now=entered_at)
    # The scheduler draws it at the draw time with the value entered.
    with django_capture_on_commit_callbacks(execute=True):
        assert plans.start_due_draws(now=plan.draw_at + dt.timedelta(minutes=1)) == [plan.code]
    plan = InspectionPlan.objects.get(pk=plan.pk)
    assert plan.state == "drawn" and plan.draw_record.public_value == "472"
    client.force_login(manager)
    page = client.get(reverse("inspections_plan:edit", args=[plan.pk])).content.decode()
    assert "录入公开值" in page


def test_only_those_who_run_draws_enter_the_value(make_plan, manager, roles):
    plan = lottery_plan(make_plan)
    plans.approve_plan(plan=plan, actor=manager)
    with pytest.raises(PermissionRefused):
        enter_public_value(plan=plan, actor=UserFactory(), value="472", now=plan.draw_at)
    with pytest.raises(PermissionRefused):
        enter_public_value(plan=plan, actor=None, value="472", now=plan.draw_at)


def test_public_page_says_what_verification_proves_without_a_public_value(client, make_plan, manager):
    without = make_plan()
    with_value = lottery_plan(make_plan)
    plans.approve_plan(plan=without, actor=manager)
    plans.approve_plan(plan=with_value, actor=manager)
    page = client.get(reverse("inspections:plan", args=[without.code])).content.decode()
    assert "本计划未预告公开随机值" in page and "只能证明一致性" in page
    page = client.get(reverse("inspections:plan", args=[with_value.code])).content.decode()
    assert "本计划未预告公开随机值" not in page
    assert SOURCE in page and "公开值公布时间" in page


def test_the_manager_enters_the_value_in_the_back_office(client, make_plan, manager,
                                                        django_capture_on_commit_callbacks):
    import time_machine

    plan = lottery_plan(make_plan, published_in=dt.timedelta(minutes=5))  # within the staff session's idle limit
    plans.approve_plan(plan=plan, actor=manager)
    client.force_login(manager)
    page = client.get(reverse("inspections_plan:edit", args=[plan.pk])).content.decode()
    assert reverse("inspections_plan_action", args=[plan.pk, "public-value"]) in page
    url = reverse("inspections_plan_action", args=[plan.pk, "public-value"])
    response = client.post(url, {"version": InspectionPlan.objects.get(pk=plan.pk).version, "public_value": "472"})
    assert response.status_code == 200 and "公布前不能录入" in response.content.decode()
    with time_machine.travel(plan.public_value_published_at + dt.timedelta(minutes=1)):
        response = client.post(url, {"version": InspectionPlan.objects.get(pk=plan.pk).version,
                                     "public_value": "472"})
    assert response.status_code == 302 and response.url == reverse("inspections_plan:edit", args=[plan.pk])
    record = InspectionPlan.objects.get(pk=plan.pk).draw_record
    assert record.public_value == "472" and record.public_value_entered_by == manager
    page = client.get(reverse("inspections_plan:edit", args=[plan.pk])).content.decode()
    assert url not in page and "472" in page
