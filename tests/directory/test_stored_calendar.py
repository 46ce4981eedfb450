"""What the shared cache keeps of the calendar, the deadline policies and the department choices is
forgotten as soon as the office changes them (issue 14: cached, never stale)."""

import datetime as dt

import pytest

from cases.clock import default_policy, policy_for_track
from cases.models import DeadlinePolicy
from directory.calendar import WorkingCalendar
from directory.models import Department
from directory.selectors import supervising_department_choices
from directory.services import set_calendar_override
from tests.factories.directory import DepartmentFactory

pytestmark = pytest.mark.django_db

NATIONAL_DAY = dt.date(2026, 10, 1)


def test_a_calendar_override_is_seen_by_the_next_computation(django_assert_num_queries):
    assert not WorkingCalendar().is_workday(NATIONAL_DAY)
    with django_assert_num_queries(0):
        assert not WorkingCalendar().is_workday(NATIONAL_DAY)
    set_calendar_override(date=NATIONAL_DAY, is_workday=True, note="测试调休")
    assert WorkingCalendar().is_workday(NATIONAL_DAY)


def test_a_policy_edit_is_seen_by_the_next_filing(django_assert_num_queries):
    policy = DeadlinePolicy.objects.filter(track="report").first() or default_policy("report")
    policy.save()
    assert policy_for_track("report").acceptance_workdays == policy.acceptance_workdays
    with django_assert_num_queries(0):
        policy_for_track("report")
    policy.acceptance_workdays = policy.acceptance_workdays + 3
    policy.save()
    assert policy_for_track("report").acceptance_workdays == policy.acceptance_workdays
    policy.delete()
    assert policy_for_track("report").pk is None  # the defaults, never a deleted row


def test_department_choices_follow_the_directory(django_assert_num_queries):
    first = DepartmentFactory(code="ZJ", name="市住房和城乡建设局", kind=Department.Kind.SUPERVISING)
    assert [pk for pk, _name in supervising_department_choices()] == [first.pk]
    with django_assert_num_queries(0):
        supervising_department_choices()
    second = DepartmentFactory(code="JT", name="市交通运输局", kind=Department.Kind.SUPERVISING)
    assert {pk for pk, _name in supervising_department_choices()} == {first.pk, second.pk}
    second.delete()
    assert [pk for pk, _name in supervising_department_choices()] == [first.pk]
