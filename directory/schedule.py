from celery.schedules import crontab

BEAT_SCHEDULE = {
    "directory.check_calendar_coverage": {
        "task": "directory.check_calendar_coverage",
        "schedule": crontab(hour=7, minute=0),
    },
}
