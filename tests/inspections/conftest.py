import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from directory.roles import INSPECTION_MANAGER
from inspections.models import InspectionPlan
from inspections.services import plans
from tests.factories.directory import DepartmentFactory, UserFactory
from tests.factories.inspections import (
    EntityTargetFactory,
    InspectionItemFactory,
    InspectionPlanFactory,
    InspectorFactory,
)


@pytest.fixture(autouse=True)
def inspection_clock():
    """The plans in these tests cover December 2026; results cannot be dated in the future, so the
    tests run on a fixed day after that period (the clock keeps ticking from there)."""
    with time_machine.travel(dt.datetime(2027, 1, 15, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))):
        yield


@pytest.fixture
def manager(roles):
    return UserFactory(username="inspmgr", roles=[INSPECTION_MANAGER])


@pytest.fixture
def city(roles):
    """Two departments with items, 20 targets each over all grades, three inspectors each."""
    zj = DepartmentFactory(code="ZJ", name="市住房和城乡建设局")
    jt = DepartmentFactory(code="JT", name="市交通运输局")
    data = {"zj": zj, "jt": jt, "items": {}, "targets": {}, "inspectors": {}}
    for dept in (zj, jt):
        data["items"][dept.code] = [InspectionItemFactory(department=dept), InspectionItemFactory(department=dept)]
        data["targets"][dept.code] = [
            EntityTargetFactory(department=dept, risk_grade="ABCD"[index % 4]) for index in range(20)
        ]
        data["inspectors"][dept.code] = [InspectorFactory(department=dept) for _ in range(3)]
    return data


@pytest.fixture
def make_plan(city, manager):
    def build(*, departments=("ZJ",), **values):
        depts = [city[code.lower()] for code in departments]
        plan = InspectionPlanFactory(created_by=manager, **values)
        plan.departments.set(depts)
        plan.items.set([item for code in departments for item in city["items"][code]])
        return plan

    return build


@pytest.fixture
def drawn_plan(make_plan, manager, django_capture_on_commit_callbacks):
    """A joint plan, approved and drawn."""
    plan = make_plan(departments=("ZJ", "JT"), ratio_a=1000, ratio_b=1000, ratio_c=2000, ratio_d=5000)
    plans.approve_plan(plan=plan, actor=manager)
    with django_capture_on_commit_callbacks(execute=True):
        plans.start_draw(plan=plan, actor=manager, now=plan.draw_at + dt.timedelta(minutes=1))
    plan = InspectionPlan.objects.get(pk=plan.pk)
    assert plan.state == "drawn", plan.draw_message
    return plan


def later(plan):
    return timezone.localtime(plan.draw_at) + dt.timedelta(minutes=1)
