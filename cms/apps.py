from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Public site")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Page, PageViewRestriction, Site
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from cms.models import PortalSettings
        from cms.selectors import forget_contacts, forget_menu

        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(forget_menu, dispatch_uid=f"cms-menu-{id(signal)}")
        for model in (Page, Site, PageViewRestriction):
            for signal in (post_save, post_delete):
                signal.connect(forget_menu, sender=model, dispatch_uid=f"cms-menu-{model.__name__}-{id(signal)}")
        for model in (PortalSettings, Site):
            for signal in (post_save, post_delete):
                signal.connect(
                    forget_contacts, sender=model, dispatch_uid=f"cms-contacts-{model.__name__}-{id(signal)}"
                )
