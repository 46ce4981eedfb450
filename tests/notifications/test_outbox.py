"""The outbox: deduplicated, retried with backoff, never lost; its tasks answer to their former
names too; the helpers other apps use (several users at once, retention, demo history)."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.utils import timezone

from notifications import selectors, services
from notifications.models import Notification
from portal.celery import app
from tests.factories.directory import UserFactory

pytestmark = pytest.mark.django_db


class BrokenSms:
    def send(self, phone, text):
        raise ConnectionError("SMS gateway unreachable")


def test_enqueue_is_deduplicated_and_skips_missing_addresses():
    first = services.enqueue(channel="email", address="a@example.cn", subject="s", body="b", dedupe_key="k1")
    assert first is not None
    assert services.enqueue(channel="email", address="a@example.cn", subject="s", body="b", dedupe_key="k1") is None
    assert services.enqueue(channel="sms", address=" ", body="b", dedupe_key="k2") is None
    assert Notification.objects.count() == 1


def test_failed_sending_is_retried_with_backoff_then_marked_failed(settings):
    settings.SMS_BACKEND = "tests.notifications.test_outbox.BrokenSms"
    note = services.enqueue(channel="sms", address="13800001111", body="督办", dedupe_key="retry")
    start = timezone.now()
    assert services.deliver(note.pk) is False
    note.refresh_from_db()
    assert (note.status, note.attempts, "unreachable" in note.last_error) == ("pending", 1, True)
    assert services.deliver_pending() == 0 and Notification.objects.get(pk=note.pk).attempts == 1  # backing off
    # Waits of 1, 5, 15, 60 and 240 minutes: try again after each has passed.
    for minutes_later in (2, 8, 25, 90, 340):
        with time_machine.travel(start + dt.timedelta(minutes=minutes_later), tick=False):
            services.deliver_pending()
    note.refresh_from_db()
    assert (note.status, note.attempts) == ("failed", services.MAX_ATTEMPTS)
    settings.SMS_BACKEND = "portal.sms.MemorySmsBackend"
    services.retry(note.pk)
    assert services.deliver_pending() == 1
    assert Notification.objects.get(pk=note.pk).status == "sent"


def test_notify_users_reaches_each_active_user_once():
    first, second = UserFactory(email="first@example.cn"), UserFactory(email="second@example.cn")
    gone = UserFactory(email="gone@example.cn", is_active=False)
    stored = services.notify_users([first, None, second, first, gone], subject="s", body="b", dedupe_key="team")
    assert sorted(n.address for n in stored) == ["first@example.cn", "second@example.cn"]
    assert services.notify_users([first, second], subject="s", body="b", dedupe_key="team") == []  # idempotent


def test_erase_addresses_blanks_only_the_matching_messages():
    services.enqueue(channel="email", address="filer@example.cn", body="b", dedupe_key="case:7:filer:accepted:email")
    services.enqueue(channel="email", address="staff@example.cn", body="b", dedupe_key="case:7:assigned:email:u1")
    services.enqueue(channel="email", address="other@example.cn", body="b", dedupe_key="case:70:filer:accepted:email")
    assert services.erase_addresses(dedupe_key_prefixes=["case:7:filer:"]) == 1
    assert sorted(Notification.objects.values_list("address", flat=True)) == [
        "",
        "other@example.cn",
        "staff@example.cn",
    ]
    assert services.erase_addresses(dedupe_key_prefixes=[]) == 0


def test_mark_pending_as_sent_leaves_older_messages_pending():
    older = services.enqueue(channel="email", address="old@example.cn", body="b", dedupe_key="old")
    mark = selectors.latest_notification_id()
    assert mark == older.pk
    newer = services.enqueue(channel="email", address="new@example.cn", body="b", dedupe_key="new")
    assert services.mark_pending_as_sent(after_id=mark) == 1
    assert Notification.objects.get(pk=newer.pk).status == Notification.Status.SENT
    assert Notification.objects.get(pk=older.pk).status == Notification.Status.PENDING


def test_tasks_queued_under_their_former_names_still_deliver():
    app.loader.import_default_modules()  # what a worker does at start: autodiscover every app's tasks
    note = services.enqueue(channel="email", address="a@example.cn", subject="s", body="b", dedupe_key="former")
    assert app.tasks["cases.deliver_notification"].apply(args=[note.pk]).get() is True
    services.enqueue(channel="email", address="b@example.cn", subject="s", body="b", dedupe_key="former-2")
    assert app.tasks["cases.deliver_pending_notifications"].apply().get() == 1
    assert [m.to for m in mail.outbox] == [["a@example.cn"], ["b@example.cn"]]


def test_beat_runs_the_outbox_sweep():
    app.loader.import_default_modules()
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "notifications.deliver_pending" in tasks and "notifications.deliver_pending" in app.tasks
