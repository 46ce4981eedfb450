"""Health checks served at /healthz: database, cache and the Celery broker."""

import dataclasses

from django.conf import settings
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView


@dataclasses.dataclass
class Broker(HealthCheck):
    """Connects to the Celery broker; the in-process default has no broker to reach."""

    def run(self):
        if settings.CELERY_TASK_ALWAYS_EAGER:
            return
        from portal.celery import app

        try:
            with app.connection_for_write() as connection:
                connection.ensure_connection(max_retries=1, timeout=2)
        except Exception as exc:  # kombu raises several unrelated types
            raise ServiceUnavailable("broker unreachable") from exc

    def pretty_status(self):
        return "OK (in-process)" if settings.CELERY_TASK_ALWAYS_EAGER else "OK"


class PortalHealthView(HealthCheckView):
    checks = (
        "health_check.checks.Database",
        "health_check.checks.Cache",
        Broker,
    )
