"""Case transitions tell people through the outbox: stored with the change, delivered after
commit, never lost when the broker is down."""

from unittest import mock

import pytest
from django.core import mail

from cases import services
from notifications import services as notifications
from notifications.models import Notification
from tests.factories.cases import CaseFactory

pytestmark = pytest.mark.django_db


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
    with mock.patch("notifications.tasks.deliver_notification.delay", side_effect=ConnectionError("broker down")), \
            django_capture_on_commit_callbacks(execute=True):
        case = CaseFactory()
    assert case.pk and not mail.outbox
    pending = Notification.objects.filter(status="pending").count()
    assert pending >= 2
    assert notifications.deliver_pending() == pending
    assert len(mail.outbox) == Notification.objects.filter(channel="email").count()
