"""The decision clock is one policy (cases.clock) used two ways: the due date a case runs against
(cases.deadlines: the period, moved by suspensions and approved extensions) and the working days a
decision used (recorded for the statistics). For any course of a case they must agree: decided on a
working day, a decision is on or before its due date exactly when it used no more working days
than the period plus the approved extensions allow."""

import datetime as dt

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cases import services
from cases.clock import policy_for_track
from cases.models import Case, TimelinessRecord
from directory.calendar import WorkingCalendar
from tests.factories.cases import CaseFactory, at, make_team

START = dt.date(2024, 9, 2)  # spans National Day 2024, New Year 2025 and the 2025 Spring Festival


@pytest.fixture
def team(roles):
    return make_team()


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    kind=st.sampled_from(["complaint", "report"]),
    accept_after=st.integers(min_value=0, max_value=4),
    pause=st.one_of(st.none(), st.tuples(st.integers(min_value=1, max_value=20), st.integers(min_value=1, max_value=25))),
    extension=st.one_of(st.none(), st.integers(min_value=1, max_value=15)),
    took=st.integers(min_value=10, max_value=90),
)
def test_due_date_and_used_working_days_agree(team, kind, accept_after, pause, extension, took):
    calendar = WorkingCalendar()
    with transaction.atomic():
        received = START
        accepted = received + dt.timedelta(days=accept_after)
        with at(received, 9):
            case = CaseFactory(kind=kind, **({"project": None, "matter_type": ""} if kind == "report" else {}))
        with at(accepted):
            services.accept(case_id=case.pk, actor=team.intake)
            services.assign(case_id=case.pk, actor=team.intake, department=team.department, handler=team.handler)
            services.start_handling(case_id=case.pk, actor=team.handler)
        day = accepted
        if pause is not None:
            began, length = accepted + dt.timedelta(days=pause[0]), pause[1]
            with at(began):
                services.suspend(case_id=case.pk, actor=team.handler, reason="expert_review", note="专家评审")
            day = began + dt.timedelta(days=length)
            with at(day):
                services.resume(case_id=case.pk, actor=team.handler)
        approved = 0
        if extension is not None:
            day += dt.timedelta(days=1)
            with at(day):
                request = services.request_extension(case_id=case.pk, actor=team.handler, deadline="decision",
                                                     workdays=extension, reason="需要鉴定")
                services.decide_extension(extension_id=request.pk, actor=team.supervisor, approve=True)
            approved = extension
        decided = max(day + dt.timedelta(days=1), accepted + dt.timedelta(days=took))
        with at(decided, 9):
            services.propose_decision(case_id=case.pk, actor=team.handler, outcome="unsubstantiated", measures=[],
                                      decision_text="经调查，反映问题不属实。")
        with at(decided, 15):
            services.approve_decision(case_id=case.pk, actor=team.head)
        record = TimelinessRecord.objects.get(case=case)
        allowed = policy_for_track(Case.objects.get(pk=case.pk).deadline_track).decision_workdays + approved
        transaction.set_rollback(True)  # each example starts clean (records are append-only)
    if calendar.is_workday(record.met_on):
        assert (record.met_on <= record.due_on) == (record.workdays_used <= allowed)
    else:  # a rest day after the due date is late whatever the working days say
        assert (record.met_on <= record.due_on) == (record.workdays_used < allowed)
