"""Reads of the outbox."""

from notifications.models import Notification


def latest_notification_id() -> int:
    """The id of the newest message, or 0 when the outbox is empty."""
    return Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
