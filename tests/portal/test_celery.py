import pytest
from django.conf import settings

from directory.tasks import check_calendar_coverage

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL")
def test_task_runs_through_a_real_worker_on_redis():
    from celery.contrib.testing.worker import start_worker

    from portal.celery import app

    assert app.conf.broker_url.startswith("redis://")
    app.conf.task_always_eager = False
    try:
        with start_worker(app, perform_ping_check=False, pool="solo", loglevel="WARNING") as worker:
            result = check_calendar_coverage.delay()
            warnings = result.get(timeout=30)
            assert worker.hostname  # a real worker consumed it from Redis
    finally:
        app.conf.task_always_eager = True
    assert result.successful()
    assert isinstance(warnings, list)


def test_tests_run_tasks_in_process():
    result = check_calendar_coverage.delay()
    assert result.successful()
