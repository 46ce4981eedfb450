from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Complaints and reports")

    def ready(self):
        from accounts.hooks import register_account_pages
        from cases.services.calendar import prepare_due_date_recomputation
        from directory.calendar import register_schedule_loading_hook

        register_account_pages(home="cases:my_cases", logged_out="cases:start")
        register_schedule_loading_hook(prepare_due_date_recomputation)
