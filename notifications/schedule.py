from celery.schedules import crontab

# The outbox sweep retries whatever a broker or mail outage left pending.
BEAT_SCHEDULE = {
    "notifications.deliver_pending": {"task": "notifications.deliver_pending", "schedule": crontab(minute="*/5")},
}
