"""The Redis cache's counters (rate limits, generations) behave as Django's, in one round trip."""

import uuid

import pytest
from django.core.cache import cache

from tests.conftest import requires_redis


@requires_redis()
def test_a_counter_steps_in_one_round_trip_and_a_missing_one_stays_missing():
    key = f"test-counter-{uuid.uuid4().hex}"
    with pytest.raises(ValueError):
        cache.incr(key)
    assert cache.get(key) is None  # not created by the attempt
    cache.set(key, 5, 60)
    client = cache._cache.get_client(cache.make_and_validate_key(key), write=True)
    sent = []
    original = client.execute_command
    client.execute_command = lambda *args, **options: sent.append(args[0]) or original(*args, **options)
    try:
        assert cache.incr(key, 2) == 7
    finally:
        del client.execute_command
    assert sent == []  # the pipeline sends EXISTS and INCRBY together, not command by command
    assert cache.get(key) == 7
    cache.delete(key)
