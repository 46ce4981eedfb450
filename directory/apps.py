from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _

MODEL_WRITES = (("save", post_save), ("delete", post_delete))


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Reference directory")

    def ready(self):
        from directory.calendar import forget_stored_calendar
        from directory.models import CalendarDay, CalendarYear, Department
        from directory.roles import sync_roles_after_migrate
        from directory.selectors import forget_department_choices

        post_migrate.connect(sync_roles_after_migrate, dispatch_uid="directory.sync_roles")
        # What the shared cache keeps (directory.calendar, directory.selectors) is forgotten on writes.
        for name, signal in MODEL_WRITES:
            for model in (CalendarDay, CalendarYear):
                signal.connect(forget_stored_calendar, sender=model,
                               dispatch_uid=f"directory.calendar.{name}.{model.__name__}")
            signal.connect(forget_department_choices, sender=Department,
                           dispatch_uid=f"directory.department_choices.{name}")
