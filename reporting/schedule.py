from celery.schedules import crontab

BEAT_SCHEDULE = {
    # First day of each quarter, early morning: the quarter just ended.
    "reporting.draft_quarterly_report": {
        "task": "reporting.draft_quarterly_report",
        "schedule": crontab(minute=30, hour=6, day_of_month=1, month_of_year="1,4,7,10"),
    },
    "reporting.refresh_workday_index": {
        "task": "reporting.refresh_workday_index",
        "schedule": crontab(minute=5, hour=0),
    },
}
