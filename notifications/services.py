"""Notification outbox (e-mail and SMS) for every app.

`enqueue()` stores a message in the caller's transaction under a unique `dedupe_key` (a second
enqueue with the same key is a no-op, which makes periodic jobs idempotent) and, after commit,
queues a task that delivers it. `deliver_pending()` (a periodic task) retries whatever is still
pending with backoff, so a broker or mail outage delays a message but never loses it.

Every app writes to the outbox only through this module.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from notifications.models import Notification
from portal.sms import send_sms

logger = logging.getLogger(__name__)

# Minutes to wait after the n-th failed attempt; after the last one the message is marked failed.
BACKOFF_MINUTES = (1, 5, 15, 60, 240)
MAX_ATTEMPTS = len(BACKOFF_MINUTES) + 1
SMS_MAX_CHARS = 300


def enqueue(
    *,
    channel: str,
    address: str,
    body: str,
    dedupe_key: str,
    subject: str = "",
    recipient_user=None,
) -> Notification | None:
    """Store a message; None when there is no address or the key was used before."""
    address = (address or "").strip()
    if not address:
        return None
    if Notification.objects.filter(dedupe_key=dedupe_key).exists():
        return None
    try:
        with transaction.atomic():  # savepoint: a concurrent duplicate must not break the caller
            notification = Notification.objects.create(
                channel=channel,
                address=address[:200],
                subject=str(subject)[:200],
                body=str(body),
                dedupe_key=dedupe_key[:200],
                recipient_user=recipient_user,
            )
    except IntegrityError:
        return None
    notification_id = notification.pk
    transaction.on_commit(lambda: _queue_delivery(notification_id))
    return notification


def enqueue_many(messages: Iterable[dict]) -> list[Notification]:
    """Store several messages (each the keyword arguments of `enqueue`) with enqueue's rules in two
    queries, however many there are: the keys already used, then one INSERT of the others."""
    fresh: dict[str, Notification] = {}
    for message in messages:
        address, key = (message["address"] or "").strip(), message["dedupe_key"][:200]
        if address and key not in fresh:
            fresh[key] = Notification(
                channel=message["channel"], address=address[:200], subject=str(message.get("subject", ""))[:200],
                body=str(message["body"]), dedupe_key=key, recipient_user=message.get("recipient_user"),
            )
    if fresh:
        for used in Notification.objects.filter(dedupe_key__in=list(fresh)).values_list("dedupe_key", flat=True):
            del fresh[used]
    if not fresh:
        return []
    # A key taken by a concurrent writer since the look-up meets ON CONFLICT instead of an error
    # (its row is left as it was; delivering it twice is refused by deliver()).
    created = Notification.objects.bulk_create(
        fresh.values(), update_conflicts=True, unique_fields=["dedupe_key"], update_fields=["dedupe_key"],
    )
    identifiers = [notification.pk for notification in created]
    transaction.on_commit(lambda: _queue_deliveries(identifiers))
    return created


def user_messages(user, *, subject: str, body: str, dedupe_key: str, sms: bool = False) -> list[dict]:
    """The messages for a staff user: an e-mail, and a text for urgent matters."""
    if user is None or not user.is_active:
        return []
    messages = [{"channel": Notification.Channel.EMAIL, "address": user.email, "subject": subject, "body": body,
                 "dedupe_key": f"{dedupe_key}:email:u{user.pk}", "recipient_user": user}]
    if sms:
        profile = getattr(user, "staff_profile", None)
        messages.append({"channel": Notification.Channel.SMS, "address": profile.phone if profile else "",
                         "subject": subject, "body": body, "dedupe_key": f"{dedupe_key}:sms:u{user.pk}",
                         "recipient_user": user})
    return messages


def notify_user(user, *, subject: str, body: str, dedupe_key: str, sms: bool = False) -> list[Notification]:
    """E-mail a staff user (and text them for urgent matters such as supervision notices)."""
    return enqueue_many(user_messages(user, subject=subject, body=body, dedupe_key=dedupe_key, sms=sms))


def users_messages(users: Iterable, *, subject: str, body: str, dedupe_key: str, sms: bool = False) -> list[dict]:
    """`user_messages` for each distinct user (None and repeats skipped)."""
    messages, seen = [], set()
    for user in users:
        if user is None or user.pk in seen:
            continue
        seen.add(user.pk)
        messages += user_messages(user, subject=subject, body=body, dedupe_key=dedupe_key, sms=sms)
    return messages


def notify_users(users: Iterable, *, subject: str, body: str, dedupe_key: str, sms: bool = False) -> list[Notification]:
    """`notify_user` for each distinct user, in two queries for all."""
    return enqueue_many(users_messages(users, subject=subject, body=body, dedupe_key=dedupe_key, sms=sms))


def notify_contact(
    *, email: str = "", phone: str = "", subject: str, body: str, dedupe_key: str, recipient_user=None
) -> list[Notification]:
    """Reach an outside person (a filer) by whatever contact they gave."""
    sent = [
        enqueue(
            channel=Notification.Channel.EMAIL,
            address=email,
            subject=subject,
            body=body,
            dedupe_key=f"{dedupe_key}:email",
            recipient_user=recipient_user,
        ),
        enqueue(
            channel=Notification.Channel.SMS,
            address=phone,
            subject=subject,
            body=body,
            dedupe_key=f"{dedupe_key}:sms",
            recipient_user=recipient_user,
        ),
    ]
    return [n for n in sent if n is not None]


def _queue_delivery(notification_id: int) -> None:
    from notifications.tasks import deliver_notification  # the task module imports this one

    try:
        deliver_notification.delay(notification_id)
    except Exception:  # broker down: the periodic sweep delivers it later
        logger.warning("Could not queue delivery of notification %s; it stays pending", notification_id, exc_info=True)


DELIVERY_BATCH = 100  # messages per delivery task when many are stored at once


def _queue_deliveries(identifiers: list[int]) -> None:
    """One task per message when there are few; for a batch job's thousands of messages, one task
    per hundred (a broker round trip each would cost more than the job itself)."""
    if len(identifiers) <= 2:
        for notification_id in identifiers:
            _queue_delivery(notification_id)
        return
    from notifications.tasks import deliver_notifications

    for start in range(0, len(identifiers), DELIVERY_BATCH):
        chunk = identifiers[start:start + DELIVERY_BATCH]
        try:
            deliver_notifications.delay(chunk)
        except Exception:  # broker down: the periodic sweep delivers them later
            logger.warning("Could not queue delivery of %s notifications; they stay pending", len(chunk), exc_info=True)


def _send(notification: Notification) -> None:
    if notification.channel == Notification.Channel.EMAIL:
        send_mail(notification.subject, notification.body, settings.DEFAULT_FROM_EMAIL, [notification.address])
    else:
        text = f"{notification.subject}：{notification.body}" if notification.subject else notification.body
        send_sms(notification.address, text[:SMS_MAX_CHARS])


def deliver(notification_id: int) -> bool:
    """Send one pending message whose time has come. Returns True when it was sent now.
    The row stays locked while sending, so two workers never send the same message."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(skip_locked=True)
            .filter(pk=notification_id, status=Notification.Status.PENDING)
            .first()
        )
        if notification is None:
            return False
        moment = timezone.now()
        if notification.next_attempt_at and notification.next_attempt_at > moment:
            return False
        notification.attempts += 1
        try:
            _send(notification)
        except Exception as error:  # any backend failure: record it and retry later
            logger.warning("Notification %s failed (attempt %s): %s", notification.pk, notification.attempts, error)
            notification.last_error = f"{type(error).__name__}: {error}"[:2000]
            if notification.attempts >= MAX_ATTEMPTS:
                notification.status = Notification.Status.FAILED
                notification.next_attempt_at = None
            else:
                wait = BACKOFF_MINUTES[notification.attempts - 1]
                notification.next_attempt_at = moment + dt.timedelta(minutes=wait)
            notification.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
            return False
        notification.status = Notification.Status.SENT
        notification.sent_at = moment
        notification.last_error = ""
        notification.save(update_fields=["attempts", "status", "sent_at", "last_error"])
        return True


def deliver_pending(*, limit: int = 500) -> int:
    """Deliver every pending message that is due; returns how many were sent."""
    moment = timezone.now()
    due = (
        Notification.objects.filter(status=Notification.Status.PENDING)
        .exclude(next_attempt_at__gt=moment)
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(1 for pk in list(due) if deliver(pk))


def retry(notification_id: int) -> Notification:
    """Put a failed message back in the queue (back office action)."""
    with transaction.atomic():
        notification = Notification.objects.select_for_update().get(pk=notification_id)
        if notification.status == Notification.Status.FAILED:
            notification.status = Notification.Status.PENDING
            notification.attempts = 0
            notification.next_attempt_at = None
            notification.save(update_fields=["status", "attempts", "next_attempt_at"])
            transaction.on_commit(lambda: _queue_delivery(notification_id))
    return notification


def erase_addresses(*, dedupe_key_prefixes: Iterable[str]) -> int:
    """Blank the address of every message whose key starts with one of the prefixes (retention:
    callers key their messages, e.g. cases by `case:<id>:filer:`)."""
    matching = Q()
    for prefix in dedupe_key_prefixes:
        matching |= Q(dedupe_key__startswith=prefix)
    if not matching:
        return 0
    return Notification.objects.filter(matching).update(address="")


def mark_pending_as_sent(*, after_id: int) -> int:
    """Count every pending message newer than `after_id` as delivered now, without sending it
    (demo data: messages about invented history must not go out)."""
    return Notification.objects.filter(pk__gt=after_id, status=Notification.Status.PENDING).update(
        status=Notification.Status.SENT,
        sent_at=timezone.now(),
    )
