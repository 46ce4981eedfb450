"""Cases: a CaseFactory that files through the real intake service, a Team of staff with their
roles, and `case_in_state()` which walks a case to any state through the services."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import factory
from django.utils import timezone

from cases import deadlines, services
from cases.models import Case, Channel, FilerType, Kind, MatterType, Outcome, PausedInterval, State
from directory import roles
from directory.models import Department, TradingProject
from tests.factories.directory import (
    DepartmentFactory,
    GridFactory,
    StaffProfileFactory,
    TradingProjectFactory,
    UserFactory,
    make_credit_code,
)

VALID_ID_NUMBER = "11010519491231002X"  # GB 11643 sample with a correct check character


def make_staff(role, department, *, username=None, grid=None, phone="13900000000"):
    user = UserFactory(username=username, roles=[role]) if username else UserFactory(roles=[role])
    StaffProfileFactory(user=user, department=department, grid=grid, full_name=f"{role.group_name}{user.pk}", phone=phone)
    return user


@dataclass
class Team:
    office: Department
    department: Department
    other_department: Department
    outside_body: Department
    grid: object
    intake: object
    supervisor: object
    head: object
    deputy_head: object
    handler: object
    grid_handler: object
    grid_supervisor: object
    other_handler: object
    auditor: object
    citizen: object


def make_team() -> Team:
    """Needs sync_roles() to have run (the `roles` fixture)."""
    office = DepartmentFactory(code="OFFICE", name="市公共资源交易管理委员会办公室", kind=Department.Kind.OFFICE)
    department = DepartmentFactory(code="ZJ", name="市住房和城乡建设局", short_name="住建局")
    other = DepartmentFactory(code="JT", name="市交通运输局", short_name="交通局")
    outside = DepartmentFactory(code="JW", name="市纪委监委", kind=Department.Kind.OUTSIDE_BODY)
    grid = GridFactory(code="ZJ-01", department=department)
    return Team(
        office=office, department=department, other_department=other, outside_body=outside, grid=grid,
        intake=make_staff(roles.OFFICE_INTAKE, office, username="t_intake"),
        supervisor=make_staff(roles.OFFICE_SUPERVISOR, office, username="t_supervisor"),
        head=make_staff(roles.DEPARTMENT_HEAD, department, username="t_head"),
        deputy_head=make_staff(roles.DEPARTMENT_HEAD, department, username="t_deputy"),
        handler=make_staff(roles.HANDLER, department, username="t_handler"),
        grid_handler=make_staff(roles.HANDLER, department, username="t_grid_handler", grid=grid),
        grid_supervisor=make_staff(roles.GRID_SUPERVISOR, department, username="t_grid_sup", grid=grid),
        other_handler=make_staff(roles.HANDLER, other, username="t_other_handler"),
        auditor=make_staff(roles.AUDITOR, office, username="t_auditor"),
        citizen=UserFactory(username="t_citizen", roles=[roles.COMPLAINANT]),
    )


class CaseFactory(factory.Factory):
    """Files a case through `cases.services.submit_case` (numbering, deadlines, event). The
    access code is kept on the returned case as `_access_code` for tracking tests."""

    class Meta:
        model = Case

    kind = Kind.COMPLAINT
    channel = Channel.ONLINE
    filer_type = FilerType.PERSON
    filer_name = "张伟"
    filer_id_number = VALID_ID_NUMBER
    filer_phone = "13800001111"
    filer_email = "zhangwei@example.cn"
    title = factory.Sequence(lambda n: f"对某道路改造工程评标结果的投诉{n}")
    facts = "评标委员会未按招标文件规定的评标办法打分，我公司得分明显偏低。"
    requests = "请求重新评审。"
    matter_type = MatterType.EVALUATION_RESULT
    project = factory.LazyFunction(lambda: TradingProjectFactory())
    knew_on = None
    objection_raised_on = None

    @classmethod
    def _create(cls, model_class, **kwargs):
        kind = kwargs["kind"]
        if kind != Kind.COMPLAINT:
            kwargs.setdefault("matter_type", "")
        if kwargs.get("is_anonymous"):
            for key in ("filer_name", "filer_id_number", "filer_email"):  # an anonymous reporter may leave a phone
                kwargs.pop(key, None)
        submitted = services.submit_case(**kwargs)
        submitted.case._access_code = submitted.access_code
        return submitted.case

    _build = _create


def procurement_project():
    return TradingProjectFactory(category=TradingProject.Category.GOVERNMENT_PROCUREMENT)


def organisation_filer(n: int = 1) -> dict:
    return {"filer_type": FilerType.ORGANISATION, "filer_name": "浙宏达建设工程有限公司",
            "filer_credit_code": make_credit_code(n), "filer_legal_representative": "王强", "filer_id_number": ""}


ORDER = [
    State.SUBMITTED, State.ACCEPTED, State.ASSIGNED, State.INVESTIGATING, State.UNDER_REVIEW, State.DECIDED,
    State.REPLIED, State.CLOSED,
]


def advance(case: Case, team: Team, target: str, *, handler=None) -> Case:
    """Walk `case` forward along the main path until it reaches `target` (one of ORDER, or
    needs_supplement / rejected / suspended / withdrawn / transferred)."""
    handler = handler or team.handler
    steps = {
        State.SUBMITTED: lambda c: services.accept(case_id=c.pk, actor=team.intake, note="材料齐全，予以受理"),
        State.ACCEPTED: lambda c: services.assign(case_id=c.pk, actor=team.intake, department=team.department,
                                                  handler=handler, note="请依法办理"),
        State.ASSIGNED: lambda c: services.start_handling(case_id=c.pk, actor=handler),
        State.INVESTIGATING: lambda c: services.propose_decision(
            case_id=c.pk, actor=handler, outcome=Outcome.UNSUBSTANTIATED, measures=[],
            decision_text="经调取评标录像及评分表复核，评标委员会按招标文件规定评分，投诉事项不成立。"),
        State.UNDER_REVIEW: lambda c: services.approve_decision(case_id=c.pk, actor=team.head, note="同意"),
        State.DECIDED: lambda c: services.reply_to_filer(case_id=c.pk, actor=handler,
                                                         reply_text="经调查，投诉事项不成立，维持原评标结果。"),
        State.REPLIED: lambda c: services.rate_satisfaction(access_proven=True, case_id=c.pk, satisfied=True),
    }
    special = {
        State.NEEDS_SUPPLEMENT: (State.SUBMITTED, lambda c: services.request_supplement(
            case_id=c.pk, actor=team.intake, request_text="请补充投诉人签字盖章的投诉书及异议答复材料。")),
        State.REJECTED: (State.SUBMITTED, lambda c: services.reject(
            case_id=c.pk, actor=team.intake, reason="not_specific", text="投诉事项不具体，且未提供有效线索。")),
        State.SUSPENDED: (State.INVESTIGATING, lambda c: services.suspend(
            case_id=c.pk, actor=handler, reason=PausedInterval.Reason.EXPERT_REVIEW, note="需组织专家复核评标结果")),
        State.WITHDRAWN: (State.ACCEPTED, None),
        State.TRANSFERRED: (State.ACCEPTED, lambda c: services.transfer_out(
            case_id=c.pk, actor=team.intake, authority=team.outside_body, reason="涉嫌公职人员违纪，移送纪委监委。")),
    }
    if target in special:
        before, step = special[target]
        case = advance(case, team, before, handler=handler)
        if target == State.WITHDRAWN:
            services.request_withdrawal(access_proven=True, case_id=case.pk, reason="已与招标人协商解决，申请撤回投诉。")
            step = lambda c: services.decide_withdrawal(case_id=c.pk, actor=team.intake, approve=True, note="同意撤回")  # noqa: E731
        return step(case)
    case = Case.objects.get(pk=case.pk)  # protected FSM field: no refresh_from_db
    while case.state != target:
        case = steps[case.state](case)
    return case


def case_in_state(team: Team, target: str, **factory_kwargs) -> Case:
    return advance(CaseFactory(**factory_kwargs), team, target)


def at(day: dt.date, hour: int = 10):
    """Run services as if it were `day` (uses the services' clock, not time travel)."""
    return deadlines.frozen_clock(timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0))))
