"""The outbox: stored with the change, delivered after commit, deduplicated, retried, never lost."""

import datetime as dt
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from cases import notifications, services
from cases.models import Notification
from tests.factories.cases import CaseFactory

pytestmark = pytest.mark.django_db


class BrokenSms:
    def send(self, phone, text):
        raise ConnectionError("SMS gateway unreachable")


def test_enqueue_is_deduplicated_and_skips_missing_addresses(db):
    first = notifications.enqueue(channel="email", address="a@example.cn", subject="s", body="b", dedupe_key="k1")
    assert first is not None
    assert notifications.enqueue(channel="email", address="a@example.cn", subject="s", body="b", dedupe_key="k1") is None
    assert notifications.enqueue(channel="sms", address=" ", body="b", dedupe_key="k2") is None
    assert Notification.objects.count() == 1


def test_transition_notifications_are_delivered_after_commit(team, sms_outbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        case = CaseFactory()
        assert not mail.outbox  # nothing leaves before the commit
    assert callbacks
    assert {m.to[0] for m in mail.outbox} >= {"zhangwei@example.cn", team.intake.email}
    assert [phone for phone, _text in sms_outbox] == ["13800001111"]  # the filer's phone
    assert set(Notification.objects.values_list("status", flat=True)) == {"sent"}
    with django_capture_on_commit_callbacks(execute=True):
        services.accept(case_id=case.pk, actor=team.intake)
    assert any(case.number in m.subject and m.to == ["zhangwei@example.cn"] for m in mail.outbox[1:])
    sent = len(mail.outbox)
    assert notifications.deliver_pending() == 0  # nothing sent twice
    assert len(mail.outbox) == sent


def test_broker_outage_loses_nothing(team, django_capture_on_commit_callbacks):
    with mock.patch("cases.tasks.deliver_notification.delay", side_effect=ConnectionError("broker down")), \
            django_capture_on_commit_callbacks(execute=True):
        case = CaseFactory()
    assert case.pk and not mail.outbox
    pending = Notification.objects.filter(status="pending").count()
    assert pending >= 2
    assert notifications.deliver_pending() == pending
    assert len(mail.outbox) == Notification.objects.filter(channel="email").count()


def test_failed_sending_is_retried_with_backoff_then_marked_failed(settings):
    settings.SMS_BACKEND = "tests.cases.engine.test_notifications.BrokenSms"
    note = notifications.enqueue(channel="sms", address="13800001111", body="督办", dedupe_key="retry")
    start = timezone.now()
    assert notifications.deliver(note.pk) is False
    note.refresh_from_db()
    assert (note.status, note.attempts, "unreachable" in note.last_error) == ("pending", 1, True)
    assert notifications.deliver_pending() == 0 and Notification.objects.get(pk=note.pk).attempts == 1  # backing off
    # Waits of 1, 5, 15, 60 and 240 minutes: try again after each has passed.
    for minutes_later in (2, 8, 25, 90, 340):
        with time_machine.travel(start + dt.timedelta(minutes=minutes_later), tick=False):
            notifications.deliver_pending()
    note.refresh_from_db()
    assert (note.status, note.attempts) == ("failed", notifications.MAX_ATTEMPTS)
    settings.SMS_BACKEND = "portal.sms.MemorySmsBackend"
    notifications.retry(note.pk)
    assert notifications.deliver_pending() == 1
    assert Notification.objects.get(pk=note.pk).status == "sent"
