from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    """Contact details shown in the public site's header and footer."""

    hotline = models.CharField(_("complaint hotline"), max_length=40, blank=True)
    address = models.CharField(_("office address"), max_length=200, blank=True)
    office_hours = models.CharField(_("office hours"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    footer = models.CharField(_("footer text"), max_length=300, blank=True)
    icp_number = models.CharField(_("ICP licence number"), max_length=60, blank=True,
                                  help_text=_("The website's ICP filing number (备案号), shown in the footer."))

    panels = [FieldPanel("hotline"), FieldPanel("address"), FieldPanel("office_hours"),
              FieldPanel("email"), FieldPanel("footer"), FieldPanel("icp_number")]

    class Meta:
        verbose_name = _("portal settings")
