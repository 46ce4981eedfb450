"""Demo cases: about a hundred complaints, reports and suggestions in every state, with a
believable history (each step run through the services on its own past day), overdue and
supervised ones included. Deterministic and idempotent (a case whose title exists is skipped)."""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from cases import deadlines, services
from cases.demo_texts import COMPLAINTS, REPORTS, SUGGESTIONS
from cases.models import Case, Kind, Measure, Outcome, PausedInterval, State
from directory.calendar import WorkingCalendar
from directory.models import Department, MarketEntity, TradingProject
from notifications.selectors import latest_notification_id
from notifications.services import mark_pending_as_sent

# Target states, in proportion (≈100 cases); ages are working days since receipt.
PLAN = (
    [(State.SUBMITTED, a) for a in (0, 0, 1, 1, 2, 2, 3, 4, 5, 7)]
    + [(State.NEEDS_SUPPLEMENT, a) for a in (2, 3, 4, 9)]
    + [(State.REJECTED, a) for a in (6, 10, 15, 22, 30)]
    + [(State.ACCEPTED, a) for a in (3, 4, 6, 8, 35)]
    + [(State.ASSIGNED, a) for a in (4, 6, 8, 12, 20, 40, 45)]
    + [(State.INVESTIGATING, a) for a in (6, 8, 10, 12, 14, 18, 22, 25, 27, 28, 29, 30, 31, 33, 36, 38, 42, 45, 50, 55)]
    + [(State.SUSPENDED, a) for a in (15, 20, 26, 34, 40)]
    + [(State.UNDER_REVIEW, a) for a in (20, 25, 29, 32, 44)]
    + [(State.DECIDED, a) for a in (24, 28, 33, 41)]
    + [(State.REPLIED, a) for a in (12, 13, 14, 15, 16, 18, 20)]
    + [
        (State.CLOSED, a)
        for a in (35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90, 95, 100, 110, 120, 130, 140, 150, 160)
    ]
    + [(State.WITHDRAWN, a) for a in (12, 25, 40, 60)]
    + [(State.TRANSFERRED, a) for a in (20, 38, 55, 70)]
)
ORDER = [
    State.SUBMITTED,
    State.ACCEPTED,
    State.ASSIGNED,
    State.INVESTIGATING,
    State.UNDER_REVIEW,
    State.DECIDED,
    State.REPLIED,
    State.CLOSED,
]


def seed(stdout) -> None:
    users = {
        u.username: u
        for u in get_user_model().objects.filter(
            username__in=["intake", "supervisor", "head_zj", "head_jt", "handler_zj", "handler_jt", "bidder"]
        )
    }
    if len(users) < 7:
        stdout.write("cases: demo accounts missing, skipped")
        return
    today = deadlines.today()
    calendar = WorkingCalendar()
    first_notification = latest_notification_id()
    created = 0
    printed_code = None
    used_titles = set()
    for index, (target, age) in enumerate(PLAN):
        rng = random.Random(f"cases-demo-{index}")  # per case, so a re-run makes the same choices
        spec = _spec(rng, index, used_titles)
        if Case.objects.filter(title=spec["title"]).exists():
            continue
        received = _workdays_before(calendar, today, age)
        builder = _Builder(users=users, calendar=calendar, today=today, start=received, rng=rng)
        case, code = builder.build(spec, target)
        created += 1
        if printed_code is None and case.filer_user_id == users["bidder"].pk and case.state != State.CLOSED:
            printed_code = f"{case.number} / {code}"
    # Daily jobs as they would have run: eight working days ago (notices), then today (escalations).
    with deadlines.frozen_clock(_moment(_workdays_before(calendar, today, 8), 6)):
        services.run_daily(deadlines.today())
    services.run_daily(today)
    # History is history: its messages count as delivered when the demo was built.
    mark_pending_as_sent(after_id=first_notification)
    counts = {state: Case.objects.filter(state=state).count() for state in State.values}
    stdout.write(
        f"cases: {created} new demo cases; by state: "
        + ", ".join(f"{state} {count}" for state, count in counts.items() if count)
    )
    if printed_code:
        stdout.write(f"cases: track a demo complaint of 'bidder' with number/access code {printed_code}")


def _workdays_before(calendar, day: dt.date, n: int) -> dt.date:
    while n > 0:
        day -= dt.timedelta(days=1)
        if calendar.is_workday(day):
            n -= 1
    return day


def _moment(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _pick(rng, queryset):
    items = list(queryset[:40])
    return rng.choice(items) if items else None


def _spec(rng, index, used_titles) -> dict:
    spec = _draft(rng, index)
    if spec["title"] in used_titles:
        spec["title"] = f"{spec['title']}（第{index + 1}号线索）"
    used_titles.add(spec["title"])
    return spec


def _draft(rng, index) -> dict:
    department_code = "ZJ" if index % 5 else "JT"
    projects = TradingProject.objects.filter(department__code=department_code).order_by("code")
    project = _pick(rng, projects)
    # The respondent bid in the project (or at least trades in its department's field).
    bidders = MarketEntity.objects.filter(entity_type=MarketEntity.Type.BIDDER)
    respondent = _pick(
        rng,
        (
            bidders.filter(bids__project=project) if project else bidders.filter(department__code=department_code)
        ).order_by("code"),
    )
    names = {"p": project.name if project else "某工程项目", "r": respondent.name if respondent else "某投标人"}
    kind = (
        (Kind.COMPLAINT, Kind.COMPLAINT, Kind.REPORT, Kind.COMPLAINT, Kind.SUGGESTION)[index % 5]
        if index % 7
        else Kind.REPORT
    )
    suffix = f"（{project.code if project else index}）" if project else f"（{index + 1}）"
    if kind == Kind.COMPLAINT:
        matter, title, facts, requests = COMPLAINTS[index % len(COMPLAINTS)]
        return {
            "kind": kind,
            "department": department_code,
            "project": project,
            "respondent": respondent,
            "matter_type": matter,
            "title": title.format(**names) + suffix,
            "facts": facts.format(**names),
            "requests": requests.format(**names),
        }
    if kind == Kind.REPORT:
        title, facts = REPORTS[index % len(REPORTS)]
        return {
            "kind": kind,
            "department": department_code,
            "project": project,
            "respondent": respondent,
            "title": title.format(**names) + suffix,
            "facts": facts.format(**names),
            "anonymous": index % 3 == 0,
        }
    title, facts = SUGGESTIONS[index % len(SUGGESTIONS)]
    return {
        "kind": kind,
        "department": department_code,
        "project": None,
        "respondent": None,
        "title": f"{title}（{index + 1}）",
        "facts": facts,
    }


class _Builder:
    """Walks one case from receipt to its target state, one step every one or two working days."""

    def __init__(self, *, users, calendar, today, start, rng):
        self.users, self.calendar, self.today, self.day, self.rng = users, calendar, today, start, rng

    def _next_day(self):
        step = self.rng.choice((1, 1, 2, 3))
        day = self.calendar.add_workdays(self.day, step)
        self.day = min(day, self.today)
        return self.day

    def _at(self, day=None):
        return deadlines.frozen_clock(_moment(day or self.day, self.rng.choice((9, 10, 11, 14, 15, 16))))

    def build(self, spec, target):
        with self._at():
            case, code = self._submit(spec)
        department = Department.objects.get(code=spec["department"])
        handler = self.users["handler_zj"] if department.code == "ZJ" else self.users["handler_jt"]
        if target == State.SUBMITTED:
            return case, code
        if target in (State.NEEDS_SUPPLEMENT, State.REJECTED):
            if spec["kind"] != Kind.SUGGESTION:
                return self._intake_end(case, target), code
            target = State.ACCEPTED
        if target == State.TRANSFERRED:
            self._run(case, State.ACCEPTED, department, handler)
            with self._at(self._next_day()):
                authority = Department.objects.get(code=self.rng.choice(("JW", "GA", "SJ")))
                services.transfer_out(
                    case_id=case.pk,
                    actor=self.users["intake"],
                    authority=authority,
                    reason="线索涉及公职人员或涉嫌犯罪，依法移送有管辖权的机关。",
                )
            return case, code
        if target == State.WITHDRAWN:
            self._run(case, State.INVESTIGATING if department.code == "ZJ" else State.ACCEPTED, department, handler)
            with self._at(self._next_day()):
                services.request_withdrawal(
                    access_proven=True, case_id=case.pk, reason="已与招标人协商一致，申请撤回。"
                )
                decider = self._head(department) if Case.objects.get(pk=case.pk).department_id else self.users["intake"]
                services.decide_withdrawal(case_id=case.pk, actor=decider, approve=True, note="经审查，同意撤回。")
            return case, code
        if target == State.SUSPENDED:
            self._run(case, State.INVESTIGATING, department, handler)
            with self._at(self._next_day()):
                services.suspend(
                    case_id=case.pk,
                    actor=handler,
                    reason=PausedInterval.Reason.TESTING,
                    note="委托第三方检测机构对投标样品进行检测，检测期间中止办理。",
                )
            return case, code
        self._run(case, target, department, handler)
        return case, code

    def _head(self, department):
        return self.users["head_zj"] if department.code == "ZJ" else self.users["head_jt"]

    def _submit(self, spec):
        kind = spec["kind"]
        bidder = self.users["bidder"]
        filer = {
            "filer_user": bidder,
            "filer_name": "张伟",
            "filer_id_number": "11010519491231002X",
            "filer_phone": "13800138000",
            "filer_email": bidder.email,
        }
        project = spec["project"]
        company = None
        if kind == Kind.COMPLAINT and self.rng.random() < 0.5:
            company = _pick(
                self.rng,
                MarketEntity.objects.filter(  # a competitor in the same tender
                    entity_type=MarketEntity.Type.BIDDER, bids__project=project
                )
                .exclude(pk=getattr(spec.get("respondent"), "pk", None))
                .order_by("-code"),
            )
        if company is not None:
            filer = {
                "filer_type": "organisation",
                "filer_name": company.name,
                "filer_credit_code": company.code,
                "filer_legal_representative": company.legal_representative or "王强",
                "filer_phone": company.phone or "0571-88880000",
                "filer_address": company.address,
            }
        if spec.get("anonymous"):
            filer = {"is_anonymous": True}
        channel = (
            self.rng.choice(("online", "online", "online", "paper", "phone")) if kind != Kind.COMPLAINT else "online"
        )
        submitted = services.submit_case(
            kind=kind,
            channel=channel,
            actor=None if channel == "online" else self.users["intake"],
            project=project if kind != Kind.SUGGESTION else None,
            respondent=spec["respondent"],
            matter_type=spec.get("matter_type", ""),
            title=spec["title"],
            facts=spec["facts"],
            requests=spec.get("requests", ""),
            is_confidential=kind == Kind.REPORT,
            knew_on=self.day - dt.timedelta(days=self.rng.randint(1, 6)) if kind == Kind.COMPLAINT else None,
            objection_raised_on=self.day - dt.timedelta(days=1)
            if spec.get("matter_type") in ("evaluation_result", "tender_documents", "bid_opening")
            else None,
            objection_reply="招标人答复：经复核，维持原结果。" if kind == Kind.COMPLAINT else "",
            **filer,
        )
        return submitted.case, submitted.access_code

    def _intake_end(self, case, target):
        with self._at(self._next_day()):
            services.request_supplement(
                case_id=case.pk, actor=self.users["intake"], request_text="请补充投诉书原件（签字盖章）及相关证明材料。"
            )
        if target == State.REJECTED and self.rng.random() < 0.5:
            with self._at(self._next_day()):
                services.supplement(access_proven=True, case_id=case.pk, text="已补充签字盖章的投诉书及中标公示截图。")
            with self._at(self._next_day()):
                services.reject(
                    case_id=case.pk,
                    actor=self.users["intake"],
                    reason="already_decided",
                    text="该事项已作出处理决定，投诉人未提供新的证据。",
                )
        return case

    def _run(self, case, target, department, handler):
        intake, head = self.users["intake"], self._head(department)
        decision = self.rng.choice(
            [
                (
                    Outcome.UNSUBSTANTIATED,
                    [],
                    None,
                    "经调取评标录像、评分表并询问评标专家，投诉事项不属实，维持原结果。",
                ),
                (
                    Outcome.SUBSTANTIATED,
                    [Measure.ORDER_TO_CORRECT, Measure.FINE, Measure.BAD_RECORD],
                    "50000",
                    "经查属实，依据《招标投标法实施条例》第七十七条责令改正，处罚款5万元，记入不良行为记录。",
                ),
                (
                    Outcome.PARTLY_SUBSTANTIATED,
                    [Measure.ORDER_TO_CORRECT, Measure.WARNING],
                    None,
                    "经查部分属实，责令招标人改正并予以警告。",
                ),
                (Outcome.DISMISSED, [], None, "投诉缺乏事实根据和法律依据，予以驳回。"),
            ]
        )
        steps = {
            State.SUBMITTED: lambda: services.accept(case_id=case.pk, actor=intake, note="材料齐全，符合受理条件。"),
            State.ACCEPTED: lambda: services.assign(
                case_id=case.pk, actor=intake, department=department, handler=handler, note="请依法调查处理并按期反馈。"
            ),
            State.ASSIGNED: lambda: services.start_handling(case_id=case.pk, actor=handler),
            State.INVESTIGATING: lambda: services.propose_decision(
                case_id=case.pk,
                actor=handler,
                outcome=decision[0],
                measures=decision[1],
                fine_amount=decision[2],
                decision_text=decision[3],
            ),
            State.UNDER_REVIEW: lambda: services.approve_decision(case_id=case.pk, actor=head, note="同意。"),
            State.DECIDED: lambda: services.reply_to_filer(
                case_id=case.pk, actor=handler, reply_text=f"您反映的问题已办理完毕：{decision[3]}"
            ),
            State.REPLIED: lambda: services.rate_satisfaction(
                access_proven=True, case_id=case.pk, satisfied=self.rng.random() < 0.8, comment="感谢及时处理。"
            ),
        }
        state = Case.objects.get(pk=case.pk).state
        while state != target and state in steps:
            with self._at(self._next_day()):
                steps[state]()
            state = Case.objects.get(pk=case.pk).state
