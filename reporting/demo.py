"""Demo statistics: two quarters of case history (made through the cases services with a frozen
clock, so the audit trail and deadlines are real), their frozen snapshots, the older quarter's
report published through the moderation workflow and the newer one drafted, waiting for the
office's commentary and approval. Deterministic and idempotent."""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from directory.identifiers import id_number_check_character
from reporting.figures import Period

HISTORY_TAG = "demo:reporting-history"
CASES_PER_QUARTER = 36
PUBLISHED_COMMENTARY = (
    "<p>本季度各行政监督部门依法受理投诉举报，按期办结率保持较高水平。个别案件因鉴定、专家评审中止，"
    "中止时间依法不计入办理期限。委办公室对逾期案件及时发出督办通知，督促承办部门限期办结。</p>"
    "<p>下一季度将重点加强评标专家行为监管和围标串标线索核查。</p>"
)


def seed(stdout) -> None:
    from reporting.services import draft_quarterly_report, provision_report_index

    today = timezone.localdate()
    newer = Period.previous_quarter(today)
    older = Period.previous_quarter(newer.first)
    from cases.models import Case

    if not Case.objects.filter(source_reference=HISTORY_TAG).exists():
        rng = random.Random(2024)
        for period in (older, newer):
            _make_history(period, rng, now=timezone.now())
    provision_report_index()
    published = draft_quarterly_report(year=older.first.year, quarter=older.quarter_number, today=today)
    if not published.live:
        _publish_through_workflow(published)
    draft_quarterly_report(year=newer.first.year, quarter=newer.quarter_number, today=today)
    stdout.write(f"reporting: statistics history for {older.label} and {newer.label}; "
                 f"{older.label} report published, {newer.label} drafted")


def _publish_through_workflow(page) -> None:
    users = get_user_model().objects
    editor, supervisor = users.get(username="editor"), users.get(username="supervisor")
    page.commentary = PUBLISHED_COMMENTARY
    page.save_revision(user=editor)
    workflow_state = page.get_workflow().start(page, editor)
    task_state = workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, supervisor, "approve")


def _id_number(rng: random.Random) -> str:
    body = f"330106{rng.randint(1965, 1995)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(100, 999)}"
    return body + id_number_check_character(body)


def _moment(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 15)), timezone.get_default_timezone())


def _supervise_if_late(case_id, *, until: dt.date, now: dt.datetime) -> None:
    """What the daily task did while a late case was still open: the automatic supervision notice
    the working day after the due date and, still overdue five working days later, the escalation."""
    from cases import services
    from cases.deadlines import frozen_clock
    from cases.models import Case
    from directory.calendar import add_workdays

    due = Case.objects.values_list("decision_due", flat=True).get(pk=case_id)
    if due is None:
        return
    notice_day = add_workdays(due, 1)
    for day, run in ((notice_day, services.issue_overdue_notices), (add_workdays(notice_day, 5), services.escalate_overdue)):
        if day >= until or _moment(day, 8) >= now:
            return
        with frozen_clock(_moment(day, 8)):
            run(today=day)


class _Steps:
    """The moments of one case's history; a step in the future is not taken."""

    def __init__(self, received: dt.date, now: dt.datetime):
        self.received, self.now, self.last = received, now, None

    def at(self, days: int, hour: int = 10) -> bool:
        self.last = _moment(self.received + dt.timedelta(days=days), hour)
        return self.last < self.now


def _make_history(period: Period, rng: random.Random, *, now: dt.datetime) -> None:
    from cases import services
    from cases.deadlines import frozen_clock
    from cases.models import Channel, Kind, MatterType, Outcome
    from directory.models import Department

    users = {u.username: u for u in get_user_model().objects.filter(
        username__in=["admin", "intake", "supervisor", "head_zj", "handler_zj", "handler_jt"])}
    departments = {d.code: d for d in Department.objects.filter(code__in=["ZJ", "JT", "JW"])}
    # 交通局 has no demo department head; the superuser approves its decisions in the demo.
    teams = {"ZJ": (users["handler_zj"], users["head_zj"]), "JT": (users["handler_jt"], users["admin"])}
    span = (period.last - period.first).days

    for index in range(CASES_PER_QUARTER):
        received = period.first + dt.timedelta(days=(index * span) // CASES_PER_QUARTER)
        kind = (Kind.COMPLAINT, Kind.REPORT, Kind.REPORT, Kind.SUGGESTION)[index % 4]
        channel = (Channel.ONLINE, Channel.ONLINE, Channel.PHONE, Channel.PAPER, Channel.API)[index % 5]
        code = "ZJ" if index % 3 else "JT"
        handler, head = teams[code]
        steps = _Steps(received, now)
        at = steps.at
        with frozen_clock(_moment(received, 9)):
            filed = services.submit_case(
                kind=kind, channel=channel, actor=users["intake"] if channel not in (Channel.ONLINE, Channel.API) else None,
                filer_name=f"{'王李张刘陈杨黄赵'[index % 8]}先生", filer_id_number=_id_number(rng) if kind == Kind.COMPLAINT else "",
                filer_phone=f"1380000{index:04d}", project_text=f"{'城东道路改造工程' if code == 'ZJ' else '环城公路养护工程'}",
                matter_type=MatterType.EVALUATION_PROCESS if kind == Kind.COMPLAINT else "",
                title=f"关于{'评标过程' if kind == Kind.COMPLAINT else '招标活动'}的{Kind(kind).label}",
                facts="反映评标委员会成员打分明显异常，请求依法调查处理。", source_reference=HISTORY_TAG,
            )
        case_id = filed.case.pk
        if index % 9 == 4:
            if at(1):
                with frozen_clock(steps.last):
                    services.reject(case_id=case_id, actor=users["intake"], reason="not_specific",
                                    text="反映事项不具体，且未提供有效线索。")
            continue
        if not at(1):
            continue
        with frozen_clock(steps.last):
            services.accept(case_id=case_id, actor=users["intake"])
            services.assign(case_id=case_id, actor=users["supervisor"], department=departments[code], handler=handler)
        if not at(2):
            continue
        with frozen_clock(steps.last):
            services.start_handling(case_id=case_id, actor=handler)
        if index % 12 == 7 and at(6):  # referred to the discipline commission
            with frozen_clock(steps.last):
                services.transfer_out(case_id=case_id, actor=users["supervisor"], authority=departments["JW"],
                                      reason="涉及公职人员违纪线索，移送纪委监委。")
            continue
        if index % 7 == 3 and at(8):  # expert review stops the clock for a while
            with frozen_clock(steps.last):
                services.suspend(case_id=case_id, actor=handler, reason="expert_review", note="组织专家复核评标结果。")
            if not at(22):
                continue
            with frozen_clock(steps.last):
                services.resume(case_id=case_id, actor=handler, note="专家复核完毕。")
        # Most decide in 3–6 weeks; every eighth case runs late; the last few of the newer quarter stay open.
        took = rng.randint(20, 42) + (30 if index % 8 == 5 else 0) + (14 if index % 7 == 3 else 0)
        _supervise_if_late(case_id, until=received + dt.timedelta(days=took), now=now)
        if not at(took):
            continue
        outcome = (Outcome.SUBSTANTIATED, Outcome.UNSUBSTANTIATED, Outcome.PARTLY_SUBSTANTIATED, Outcome.UNSUBSTANTIATED,
                   Outcome.DISMISSED)[index % 5]
        measures, fine = [], None
        if outcome == Outcome.SUBSTANTIATED:
            measures, fine = ["fine", "bad_record"], 20000 + 5000 * (index % 4)
        elif outcome == Outcome.PARTLY_SUBSTANTIATED:
            measures = ["order_to_correct", "warning"]
        with frozen_clock(steps.last):
            services.propose_decision(case_id=case_id, actor=handler, outcome=outcome,
                                      decision_text="经调查核实，依法作出处理决定。", measures=measures, fine_amount=fine)
        if not at(took + 1, 15):
            continue
        with frozen_clock(steps.last):
            services.approve_decision(case_id=case_id, actor=head)
        if not at(took + 3):
            continue
        with frozen_clock(steps.last):
            services.reply_to_filer(case_id=case_id, actor=handler, reply_text="已将处理结果书面告知。")
        if index % 4 != 2 and at(took + 6):
            with frozen_clock(steps.last):
                services.rate_satisfaction(access_proven=True, case_id=case_id, satisfied=index % 10 != 9)
