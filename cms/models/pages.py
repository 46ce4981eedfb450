from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    intro = models.CharField(_("introduction"), max_length=300, blank=True)
    body = RichTextField(_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    """Contact details shown in the public site's header and footer."""

    hotline = models.CharField(_("complaint hotline"), max_length=40, blank=True)
    address = models.CharField(_("office address"), max_length=200, blank=True)
    office_hours = models.CharField(_("office hours"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    footer = models.CharField(_("footer text"), max_length=300, blank=True)

    panels = [FieldPanel("hotline"), FieldPanel("address"), FieldPanel("office_hours"),
              FieldPanel("email"), FieldPanel("footer")]

    class Meta:
        verbose_name = _("portal settings")
