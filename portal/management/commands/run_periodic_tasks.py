"""Run every periodic task once, in this process. For the embedded default (no beat) and cron."""

from django.conf import settings
from django.core.management.base import BaseCommand

from portal.celery import app


class Command(BaseCommand):
    help = "Run each task of CELERY_BEAT_SCHEDULE once, synchronously."

    def handle(self, *args, **options):
        app.loader.import_default_modules()  # registers every app's tasks
        for entry in settings.CELERY_BEAT_SCHEDULE.values():
            result = app.tasks[entry["task"]].apply(args=entry.get("args", ()), kwargs=entry.get("kwargs", {}))
            status = "ok" if result.successful() else f"failed: {result.result!r}"
            self.stdout.write(f"{entry['task']}: {status}")
