from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Complaints and reports")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from accounts.hooks import register_account_pages
        from cases.clock import forget_stored_policies
        from cases.models import DeadlinePolicy
        from cases.services.calendar import prepare_due_date_recomputation
        from directory.calendar import register_schedule_loading_hook

        register_account_pages(home="cases:my_cases", logged_out="cases:start")
        register_schedule_loading_hook(prepare_due_date_recomputation)
        for name, signal in (("save", post_save), ("delete", post_delete)):
            signal.connect(forget_stored_policies, sender=DeadlinePolicy, dispatch_uid=f"cases.policies.{name}")
