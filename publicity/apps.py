from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicityConfig(AppConfig):
    name = "publicity"
    verbose_name = _("Publicity")

    def ready(self):
        from cases.hooks import register_case_page_link
        from publicity.hooks import publish_decision_link

        register_case_page_link(publish_decision_link)
