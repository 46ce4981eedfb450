"""Item 12: with Redis (cache and Celery broker) stopped, a public filing and the case
transitions still succeed; the notifications they queued go out once Redis is back. The test
runs its own redis-server on a spare port, so it runs wherever `redis-server` is installed (CI)."""

import shutil
import socket
import subprocess
import time

import pytest
from django.core import mail
from django.urls import reverse

from cases.models import Case, State
from notifications.models import Notification
from tests.factories.cases import case_in_state, make_team

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs redis-server"),
]


def spare_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    def __init__(self, port):
        self.port, self.process = port, None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [shutil.which("redis-server"), "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.1).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


@pytest.fixture
def redis_server():
    server = RedisServer(spare_port())
    server.start()
    yield server
    server.stop()


@pytest.fixture
def on_own_redis(redis_server, settings, monkeypatch):
    """Cache and broker on the test's own Redis, tasks queued for a worker (as in production)."""
    from captcha.conf import settings as captcha_settings

    from portal.celery import app

    monkeypatch.setattr(captcha_settings, "CAPTCHA_TEST_MODE", True)
    settings.CACHES = {"default": {"BACKEND": "portal.cache.ResilientRedisCache", "LOCATION": redis_server.url,
                                   "KEY_PREFIX": "outage-test", "OPTIONS": settings.CACHES["default"].get("OPTIONS", {})
                                   if "Redis" in settings.CACHES["default"]["BACKEND"] else
                                   {"socket_connect_timeout": 1, "socket_timeout": 2}}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SMS_BACKEND = "portal.sms.MemorySmsBackend"
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager", "broker_transport_options",
                                            "task_publish_retry_policy")}
    app.conf.update(broker_url=redis_server.url, task_always_eager=False,
                    broker_transport_options=settings.CELERY_BROKER_TRANSPORT_OPTIONS,
                    task_publish_retry_policy=settings.CELERY_TASK_PUBLISH_RETRY_POLICY)
    _reset_connections(app)
    yield redis_server
    app.conf.update(saved)
    _reset_connections(app)


def _reset_connections(app):
    # Connection and producer pools were made for the previous broker URL.
    app._pool = None
    app.amqp._producer_pool = None


def test_filing_and_transitions_work_without_redis_and_notices_follow(client, roles, on_own_redis):
    from celery.contrib.testing.worker import start_worker

    from notifications.tasks import deliver_pending_notifications
    from portal.celery import app
    from tests.cases.public.test_intake import report_data

    team = make_team()
    on_own_redis.stop()

    response = client.post(reverse("cases:report_new"), report_data(
        identity="named", filer_name="王五", filer_phone="13800000001", filer_email="wangwu@example.cn"))
    assert response.status_code == 302
    filed = Case.objects.get()
    targets = [State.CLOSED, State.NEEDS_SUPPLEMENT, State.REJECTED, State.SUSPENDED, State.WITHDRAWN,
               State.TRANSFERRED]
    cases = [case_in_state(team, target) for target in targets]
    assert [case.state for case in cases] == targets

    pending = Notification.objects.filter(status=Notification.Status.PENDING)
    assert pending.filter(address="wangwu@example.cn").exists()
    assert pending.count() >= 10
    assert not Notification.objects.exclude(status=Notification.Status.PENDING).exists()
    expected = set(pending.values_list("pk", flat=True))

    on_own_redis.start()
    with start_worker(app, perform_ping_check=False, pool="solo", loglevel="WARNING"):
        deliver_pending_notifications.delay()  # what beat sends every five minutes
        deadline = time.monotonic() + 60
        while Notification.objects.filter(status=Notification.Status.PENDING).exists() and time.monotonic() < deadline:
            time.sleep(0.5)
    sent = Notification.objects.filter(status=Notification.Status.SENT)
    assert set(sent.values_list("pk", flat=True)) == expected
    assert filed.number in " ".join(message.body + message.subject for message in mail.outbox)
    assert len(mail.outbox) == Notification.objects.filter(channel=Notification.Channel.EMAIL).count()
