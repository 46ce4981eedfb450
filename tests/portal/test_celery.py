import pytest
from django.conf import settings

from directory.tasks import check_calendar_coverage

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL")
def test_task_runs_through_a_real_worker_on_redis():
    from celery.contrib.testing.worker import start_worker

    from portal.celery import app

    assert not app.conf.task_always_eager
    assert app.conf.broker_url.startswith("redis://")
    with start_worker(app, perform_ping_check=False, pool="solo", loglevel="WARNING"):
        result = check_calendar_coverage.delay()
        warnings = result.get(timeout=30)
    assert result.successful()
    assert isinstance(warnings, list)


@pytest.mark.skipif(bool(settings.REDIS_URL), reason="embedded default only")
def test_embedded_default_runs_tasks_in_process():
    result = check_calendar_coverage.delay()
    assert result.successful()
