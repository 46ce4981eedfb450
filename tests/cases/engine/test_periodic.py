"""Reminders, automatic supervision notices, escalation, supplement expiry and closing unrated
cases: each run twice on the same day must change and send nothing more."""

import datetime as dt

import pytest
from django.core import mail

from cases import tasks
from cases.models import Case, CaseEvent, RejectionReason, Satisfaction, State, SupervisionNotice
from cases.services import approve_decision, propose_decision, request_supplement
from notifications.models import Notification
from notifications.tasks import deliver_pending_notifications
from tests.factories.cases import CaseFactory, advance, at

pytestmark = pytest.mark.django_db

D = dt.date


def run_daily_tasks_twice(day):
    """What beat does each morning, twice (e.g. a restarted beat), then the outbox sweep twice."""
    results = []
    with at(day, hour=6):
        for _ in range(2):
            results.append({
                name: getattr(tasks, name).apply().get()
                for name in ("expire_supplements", "close_unrated", "send_reminders", "issue_overdue_notices",
                             "escalate_overdue")
            })
            deliver_pending_notifications.apply().get()
    return results


def reload(case):
    return Case.objects.get(pk=case.pk)


@pytest.fixture
def investigating(team):
    # Accepted Mon 2026-03-02: decision due Tue 2026-04-14 (see test_deadlines).
    with at(D(2026, 3, 2)):
        case = advance(CaseFactory(), team, State.INVESTIGATING)
    assert case.decision_due == D(2026, 4, 14)
    Notification.objects.all().delete()
    mail.outbox.clear()
    return case


def test_reminder_two_workdays_before_due_is_sent_once(team, investigating, sms_outbox):
    first, second = run_daily_tasks_twice(D(2026, 4, 9))  # Apr 10, 13, 14 left: 3 > 2
    assert first["send_reminders"] == 0 and not Notification.objects.exists()
    first, second = run_daily_tasks_twice(D(2026, 4, 10))  # Apr 13, 14 left: remind
    assert first["send_reminders"] == 1
    reminders = Notification.objects.filter(dedupe_key__contains="reminder:decision:2026-04-14")
    assert [n.address for n in reminders] == [team.handler.email]
    run_daily_tasks_twice(D(2026, 4, 13))  # still within the window: no second reminder
    assert reminders.count() == 1
    assert len([m for m in mail.outbox if "2026-04-14" in m.body]) == 1
    assert reminders.get().status == Notification.Status.SENT


def test_overdue_notice_the_day_after_and_escalation_after_five_workdays(team, investigating, sms_outbox):
    first, _ = run_daily_tasks_twice(D(2026, 4, 14))  # due today: not overdue yet
    assert first["issue_overdue_notices"] == 0
    first, second = run_daily_tasks_twice(D(2026, 4, 15))
    assert (first["issue_overdue_notices"], second["issue_overdue_notices"]) == (1, 0)
    notice = SupervisionNotice.objects.get()
    assert (notice.level, notice.deadline, notice.due_date, notice.is_automatic) == ("notice", "decision", D(2026, 4, 14), True)
    notified = set(Notification.objects.filter(dedupe_key__startswith=f"case:{investigating.pk}:notice:")
                   .values_list("recipient_user__username", "channel"))
    assert notified == {(u, c) for u in ("t_handler", "t_head", "t_deputy", "t_supervisor") for c in ("email", "sms")}
    assert len(sms_outbox) == 4
    assert CaseEvent.objects.filter(case=investigating, action="supervision_notice").count() == 1
    # Escalation when still overdue 5 WD after the notice of Wed 04-15: Apr 16, 17, 20, 21 = 4 ... 22 = 5.
    first, _ = run_daily_tasks_twice(D(2026, 4, 21))
    assert first["escalate_overdue"] == 0
    first, second = run_daily_tasks_twice(D(2026, 4, 22))
    assert (first["escalate_overdue"], second["escalate_overdue"]) == (1, 0)
    escalation = SupervisionNotice.objects.get(level="escalation")
    assert escalation.due_date == D(2026, 4, 14)
    assert CaseEvent.objects.filter(case=investigating, action="escalated").count() == 1
    escalated_to = set(Notification.objects.filter(dedupe_key__startswith=f"case:{investigating.pk}:escalation:")
                       .values_list("recipient_user__username", flat=True))
    assert escalated_to == {"t_supervisor", "t_head", "t_deputy"}
    sent = Notification.objects.count()
    run_daily_tasks_twice(D(2026, 4, 23))
    assert Notification.objects.count() == sent
    assert len(mail.outbox) == Notification.objects.filter(channel="email").count()


def test_meeting_the_deadline_resolves_the_notice_and_prevents_escalation(team, investigating):
    run_daily_tasks_twice(D(2026, 4, 15))
    with at(D(2026, 4, 16)):
        propose_decision(case_id=investigating.pk, actor=team.handler, outcome="unsubstantiated", measures=[],
                         decision_text="投诉事项不成立。")
        approve_decision(case_id=investigating.pk, actor=team.head)
    assert SupervisionNotice.objects.get().resolved_at is not None
    first, _ = run_daily_tasks_twice(D(2026, 4, 22))
    assert first["escalate_overdue"] == 0
    assert not SupervisionNotice.objects.filter(level="escalation").exists()


def test_suspended_case_is_never_overdue(team, investigating):
    from cases.services import suspend

    with at(D(2026, 4, 13)):
        suspend(case_id=investigating.pk, actor=team.handler, reason="testing", note="送检")
    first, _ = run_daily_tasks_twice(D(2026, 4, 20))
    assert first["issue_overdue_notices"] == 0 and not SupervisionNotice.objects.exists()


def test_unanswered_supplement_request_ends_in_rejection(team):
    with at(D(2026, 3, 2)):
        case = CaseFactory()
        request_supplement(case_id=case.pk, actor=team.intake, request_text="请补充异议答复材料")
    assert reload(case).supplement_due == D(2026, 3, 9)
    first, _ = run_daily_tasks_twice(D(2026, 3, 9))
    assert first["expire_supplements"] == 0 and reload(case).state == State.NEEDS_SUPPLEMENT
    first, second = run_daily_tasks_twice(D(2026, 3, 10))
    assert (first["expire_supplements"], second["expire_supplements"]) == (1, 0)
    case = reload(case)
    assert case.state == State.REJECTED and case.rejection_reason == RejectionReason.SUPPLEMENT_EXPIRED
    assert case.events.filter(action="rejected").count() == 1
    assert Notification.objects.filter(dedupe_key__contains=":filer:", dedupe_key__endswith=":rejected:email").count() == 1


def test_supplement_reminder_goes_to_the_filer_once(team):
    with at(D(2026, 3, 2)):
        case = CaseFactory()
        request_supplement(case_id=case.pk, actor=team.intake, request_text="请补充异议答复材料")
    run_daily_tasks_twice(D(2026, 3, 5))  # Mar 6, 9 left
    run_daily_tasks_twice(D(2026, 3, 6))
    reminders = Notification.objects.filter(dedupe_key__contains="reminder:supplement")
    assert sorted(reminders.values_list("channel", "address")) == [("email", "zhangwei@example.cn"), ("sms", "13800001111")]


def test_unrated_reply_closes_with_no_response(team):
    with at(D(2026, 3, 2)):
        case = advance(CaseFactory(), team, State.REPLIED)
    assert case.rating_due == D(2026, 3, 16)  # 10 WD
    first, _ = run_daily_tasks_twice(D(2026, 3, 16))
    assert first["close_unrated"] == 0
    first, second = run_daily_tasks_twice(D(2026, 3, 17))
    assert (first["close_unrated"], second["close_unrated"]) == (1, 0)
    case = reload(case)
    assert (case.state, case.satisfaction) == (State.CLOSED, Satisfaction.NO_RESPONSE)
    assert case.events.filter(action="closed").count() == 1


def test_beat_schedule_lists_every_periodic_task():
    from django.conf import settings

    from portal.celery import app

    app.loader.import_default_modules()
    names = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    expected = {"cases.expire_supplements", "cases.close_unrated", "cases.send_reminders", "cases.issue_overdue_notices",
                "cases.escalate_overdue", "notifications.deliver_pending"}
    assert expected <= names
    assert expected <= set(app.tasks)
