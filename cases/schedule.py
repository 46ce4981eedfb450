from celery.schedules import crontab

# Daily jobs run early, in this order, before staff start work (Asia/Shanghai). The outbox sweep
# is in notifications/schedule.py.
BEAT_SCHEDULE = {
    "cases.expire_supplements": {"task": "cases.expire_supplements", "schedule": crontab(hour=6, minute=0)},
    "cases.close_unrated": {"task": "cases.close_unrated", "schedule": crontab(hour=6, minute=5)},
    "cases.send_reminders": {"task": "cases.send_reminders", "schedule": crontab(hour=6, minute=10)},
    "cases.issue_overdue_notices": {"task": "cases.issue_overdue_notices", "schedule": crontab(hour=6, minute=15)},
    "cases.escalate_overdue": {"task": "cases.escalate_overdue", "schedule": crontab(hour=6, minute=20)},
    "cases.anonymise_expired_filers": {"task": "cases.anonymise_expired_filers", "schedule": crontab(hour=3, minute=30)},
}
