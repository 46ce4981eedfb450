from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from monitoring.models.choices import Screen


class ScreenParameter(models.Model):
    """The office's settings for one screen: on/off and its thresholds. Keys and types are checked
    against the screen's documented defaults (monitoring.screens.registry) by the services; a key
    missing here takes the default."""

    screen = models.CharField(_("screen"), max_length=40, choices=Screen.choices, unique=True)
    is_enabled = models.BooleanField(_("enabled"), default=True)
    values = models.JSONField(_("parameters"), default=dict, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("updated by"))

    class Meta:
        ordering = ["screen"]
        verbose_name = _("screen parameters")
        verbose_name_plural = _("screen parameters")

    def __str__(self):
        return self.get_screen_display()
