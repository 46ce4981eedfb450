from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from portal.db_roles import apply_grants_after_migrate

        post_migrate.connect(apply_grants_after_migrate, dispatch_uid="portal.db_runtime_grants")
