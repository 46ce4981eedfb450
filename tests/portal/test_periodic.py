import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_run_periodic_tasks_runs_every_scheduled_task_once(settings):
    from cms import demo as cms_demo

    cms_demo.seed(io.StringIO())  # an installed site has its home page (quarterly reports go under it)
    out = io.StringIO()
    call_command("run_periodic_tasks", stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert len(lines) == len(settings.CELERY_BEAT_SCHEDULE)
    assert all(line.endswith(": ok") for line in lines), lines
