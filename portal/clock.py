"""The services' clock: the time now, or a fixed moment for demo data with a believable history
(`frozen_clock`). Audit events take their time from it, so a history built under a frozen clock
is consistent across apps."""

import contextlib
import contextvars
import datetime as dt

from django.utils import timezone

_frozen_now: contextvars.ContextVar[dt.datetime | None] = contextvars.ContextVar("frozen_now", default=None)


def now() -> dt.datetime:
    return _frozen_now.get() or timezone.now()


@contextlib.contextmanager
def frozen_clock(moment: dt.datetime):
    """Run services as if it were `moment`."""
    token = _frozen_now.set(moment)
    try:
        yield
    finally:
        _frozen_now.reset(token)
