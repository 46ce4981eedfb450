from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Complaints and reports")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from cases.clock import forget_stored_policies
        from cases.models import DeadlinePolicy

        for name, signal in (("save", post_save), ("delete", post_delete)):
            signal.connect(forget_stored_policies, sender=DeadlinePolicy, dispatch_uid=f"cases.policies.{name}")
