"""The demo's statistics history reads as an office's would: a decision that ran late had its
automatic supervision notice the working day after the due date."""

import datetime as dt
import random

from django.utils import timezone

from cases.models import Case, SupervisionNotice, TimelinessRecord
from directory import roles as role_names
from directory.calendar import add_workdays
from directory.models import Department
from reporting.demo import _make_history
from reporting.figures import TOTAL, Period, compute_statistics
from tests.factories.cases import make_staff
from tests.factories.directory import DepartmentFactory


def test_late_demo_decisions_were_supervised(roles):
    office = DepartmentFactory(code="OFFICE", kind=Department.Kind.OFFICE)
    zj, jt = DepartmentFactory(code="ZJ"), DepartmentFactory(code="JT")
    DepartmentFactory(code="JW", kind=Department.Kind.OUTSIDE_BODY)
    for username, role, department in (
        ("admin", role_names.DEPARTMENT_HEAD, jt), ("intake", role_names.OFFICE_INTAKE, office),
        ("supervisor", role_names.OFFICE_SUPERVISOR, office), ("head_zj", role_names.DEPARTMENT_HEAD, zj),
        ("handler_zj", role_names.HANDLER, zj), ("handler_jt", role_names.HANDLER, jt),
    ):
        make_staff(role, department, username=username)
    quarter = Period.quarter(2024, 3)
    now = timezone.make_aware(dt.datetime(2025, 1, 20, 12))
    _make_history(quarter, random.Random(2024), now=now)

    late = [r for r in TimelinessRecord.objects.select_related("case") if r.due_on and r.met_on > r.due_on]
    assert late, "the demo has late decisions"
    for record in late:
        notice = SupervisionNotice.objects.get(case=record.case, level=SupervisionNotice.Level.NOTICE,
                                               deadline="decision")
        assert timezone.localdate(notice.issued_at) == add_workdays(record.due_on, 1)
    figures = compute_statistics(quarter, today=dt.date(2025, 1, 20))["metrics"]
    on_time, in_period = figures["on_time_rate"][TOTAL]
    assert in_period > on_time
    assert figures["supervision_notices"][TOTAL] >= 1
    assert Case.objects.filter(supervision_notices__level=SupervisionNotice.Level.ESCALATION).exists()
