"""Pluggable SMS sending. Configure SMS_BACKEND with a dotted path to a class with `send(phone, text)`."""

import logging
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class ConsoleSmsBackend:
    """Development backend: writes messages to the log instead of sending them."""

    def send(self, phone: str, text: str) -> None:
        logger.info("SMS to %s: %s", phone, text)


class FileSmsBackend:
    """Development backend: appends each message to SMS_FILE_PATH (var/outbox/sms.log)."""

    def send(self, phone: str, text: str) -> None:
        path = Path(settings.SMS_FILE_PATH)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as log:
            log.write(f"{timezone.now().isoformat(timespec='seconds')}\t{phone}\t{text}\n")


class MemorySmsBackend:
    """Test backend: keeps messages in `outbox`."""

    outbox: list[tuple[str, str]] = []

    def send(self, phone: str, text: str) -> None:
        MemorySmsBackend.outbox.append((phone, text))


def send_sms(phone: str, text: str) -> None:
    import_string(settings.SMS_BACKEND)().send(phone, text)
