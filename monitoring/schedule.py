from celery.schedules import crontab

BEAT_SCHEDULE = {
    "monitoring.nightly_run": {"task": "monitoring.nightly_run", "schedule": crontab(hour=2, minute=30)},
}
