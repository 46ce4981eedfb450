"""The account audit trail: every sign-in, failure, sign-out, idle expiry and two-factor change.
Append-only, of the one audit shape (portal.audit.AuditEvent)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.audit import AuditEvent, append_only_triggers


class AccountEvent(AuditEvent):
    subject_field = "user"

    class Action(models.TextChoices):
        LOGIN = "login", _("Signed in")
        LOGIN_FAILED = "login_failed", _("Sign-in failed")
        LOGOUT = "logout", _("Signed out")
        IDLE_TIMEOUT = "idle_timeout", _("Signed out after inactivity")
        OTP_VERIFIED = "otp_verified", _("Second factor verified")
        OTP_FAILED = "otp_failed", _("Second factor refused")
        DEVICE_ENROLLED = "device_enrolled", _("Authenticator app enrolled")
        BACKUP_CODES_ISSUED = "backup_codes_issued", _("Backup codes issued")
        DEVICES_RESET = "devices_reset", _("Second factor reset by the office")

    action = models.CharField(_("action"), max_length=40, choices=Action.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
                             verbose_name=_("account"))
    username = models.CharField(_("user name"), max_length=150, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("account event")
        verbose_name_plural = _("account events")
        permissions = [("reset_two_factor", _("Can reset a staff member's second factor"))]
        triggers = append_only_triggers("account_event")
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.username} {self.get_action_display()}"
