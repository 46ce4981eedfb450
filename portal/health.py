"""Health checks served at /healthz: database, cache and the Celery broker. Staff and requests
from the machine itself see each check; anyone else gets only the bare status, so the page tells
an outsider nothing about the portal's services."""

import dataclasses

from asgiref.sync import sync_to_async
from django.conf import settings
from django.http import HttpResponse
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


LOCAL_ADDRESSES = frozenset({"127.0.0.1", "::1"})


def may_see_health_details(request, user) -> bool:
    from portal.http import client_ip

    if client_ip(request) in LOCAL_ADDRESSES:
        return True
    return user.is_active and (user.is_staff or user.has_perm("wagtailadmin.access_admin"))


class PortalHealthView(HealthCheckView):
    checks = (
        "health_check.checks.Database",
        "health_check.checks.Cache",
        Broker,
    )

    async def get(self, request, *args, **kwargs):
        user = await request.auser()
        if await sync_to_async(may_see_health_details)(request, user):
            return await super().get(request, *args, **kwargs)
        with self.get_executor() as executor:
            results = [await check.get_result(executor) for check in self.get_checks()]
        healthy = not any(result.error for result in results)
        return HttpResponse("ok" if healthy else "unavailable", status=200 if healthy else 500,
                            content_type="text/plain; charset=utf-8")
