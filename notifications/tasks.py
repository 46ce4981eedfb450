"""Thin delivery tasks. The names these tasks had while they lived in `cases` stay registered, so
messages already queued under them (and a beat schedule not yet reloaded) still run."""

from celery import shared_task

from notifications import services


@shared_task(name="notifications.deliver")
def deliver_notification(notification_id: int) -> bool:
    return services.deliver(notification_id)


@shared_task(name="notifications.deliver_many")
def deliver_notifications(notification_ids: list[int]) -> int:
    return sum(services.deliver(notification_id) for notification_id in notification_ids)


@shared_task(name="notifications.deliver_pending")
def deliver_pending_notifications() -> int:
    return services.deliver_pending()


@shared_task(name="cases.deliver_notification")
def deliver_notification_by_former_name(notification_id: int) -> bool:
    return services.deliver(notification_id)


@shared_task(name="cases.deliver_pending_notifications")
def deliver_pending_notifications_by_former_name() -> int:
    return services.deliver_pending()
