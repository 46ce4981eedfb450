"""Small reads that every request repeats (deadline policies, the working-day calendar, the
department choices, the public site's menu): kept in the shared cache, so all workers read them
once, and forgotten whenever their rows change (signals call `forget`)."""

from collections.abc import Callable

from django.core.cache import cache
from django.db import transaction

DAY = 24 * 3600


def remembered(key: str, compute: Callable, seconds: int = DAY):
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, seconds)
    return found


def forget(key: str) -> None:
    cache.delete(key)
    # Again after commit: a reader may have cached the old rows while the write was uncommitted.
    transaction.on_commit(lambda: cache.delete(key))
