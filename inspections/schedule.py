from celery.schedules import crontab

BEAT_SCHEDULE = {
    "inspections.start_due_draws": {"task": "inspections.start_due_draws", "schedule": 60.0},
    "inspections.sweep_stuck_draws": {"task": "inspections.sweep_stuck_draws", "schedule": 300.0},
    "inspections.send_publication_reminders": {
        "task": "inspections.send_publication_reminders",
        "schedule": crontab(hour=8, minute=10),
    },
}
