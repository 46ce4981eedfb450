"""Small reads that every request repeats (deadline policies, the working-day calendar, the
department choices, the public site's menu): kept in the shared cache, so all workers read them
once, and forgotten whenever their rows change (signals call `forget`). Reads over data that
changes all day (the back office's counts) name a generation in their key instead: every write
`advance`s it, and what was computed before is no longer found."""

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


def generation(name: str) -> int:
    found = cache.get(f"generation:{name}")
    return 0 if found is None else found


def advance(name: str) -> None:
    key = f"generation:{name}"
    _increment(key)
    # Again after commit: a reader may have computed from the uncommitted state in between.
    transaction.on_commit(lambda: _increment(key))


def _increment(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # not there yet (or evicted): start past any generation read as 0
        cache.set(key, 1, None)
