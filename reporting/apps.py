from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Statistics and quarterly reports")

    def ready(self):
        from directory.calendar import register_calendar_change_hook
        from reporting.workdays import refresh_after_migrate, refresh_workday_index

        # The calendar (a lower app) tells this app about changes through a hook it registers.
        register_calendar_change_hook(refresh_workday_index)
        post_migrate.connect(refresh_after_migrate, sender=self, dispatch_uid="reporting.refresh_workday_index")
