"""Integration clients: trading platforms, the 12345 hotline and other systems that call the API.
Changes go through api.services; the token is stored only as a SHA-256 digest and shown once."""

import ipaddress

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    FILE_CASES = "cases:file", _("File complaints and reports")
    READ_CASES = "cases:read", _("Read cases (staff)")
    ACT_ON_CASES = "cases:act", _("Act on cases (staff)")
    PUSH_TRADING_DATA = "trading:write", _("Push trading data (OCDS releases)")


# Scopes that act through a staff account, with exactly that account's permissions.
ACCOUNT_SCOPES = {Scope.READ_CASES, Scope.ACT_ON_CASES, Scope.PUSH_TRADING_DATA}


def parse_networks(text: str) -> list:
    """One address or network (CIDR) per line or separated by commas; blank means any address."""
    networks = []
    for part in (text or "").replace(",", "\n").splitlines():
        part = part.strip()
        if part:
            networks.append(ipaddress.ip_network(part, strict=False))
    return networks


class IntegrationClient(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True,
                            help_text=_("The system that calls the API, e.g. the city trading platform."))
    department = models.ForeignKey(
        "directory.Department", models.PROTECT, related_name="integration_clients", verbose_name=_("department"),
        help_text=_("The department responsible for this client."),
    )
    acts_as = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="integration_clients",
        verbose_name=_("staff account"),
        help_text=_("Needed for the staff scopes: the client reads and acts on cases exactly as this account "
                    "may in the back office. It must belong to the client's department."),
    )
    scopes = models.JSONField(_("scopes"), default=list, blank=True)
    allowed_networks = models.TextField(
        _("allowed IP addresses"), blank=True,
        help_text=_("One address or network per line, e.g. 10.1.2.3 or 10.1.0.0/16. Empty: any address."),
    )
    expires_at = models.DateTimeField(_("expires at"), help_text=_("The token stops working at this time."))
    is_active = models.BooleanField(_("active"), default=True)
    token_prefix = models.CharField(_("token prefix"), max_length=16, unique=True, editable=False)
    token_hash = models.CharField(max_length=64, editable=False)
    token_issued_at = models.DateTimeField(_("token issued at"), null=True, editable=False)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("integration client")
        verbose_name_plural = _("integration clients")

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        unknown = set(self.scopes or []) - set(Scope.values)
        if unknown:
            errors["scopes"] = _("Unknown scopes: %(scopes)s") % {"scopes": ", ".join(sorted(unknown))}
        try:
            parse_networks(self.allowed_networks)
        except ValueError:
            errors["allowed_networks"] = _("Enter IP addresses or networks such as 10.1.2.3 or 10.1.0.0/16, "
                                           "one per line.")
        if set(self.scopes or []) & ACCOUNT_SCOPES and self.acts_as_id is None:
            errors["acts_as"] = _("The staff scopes need a staff account.")
        if self.acts_as_id is not None and self.department_id is not None:
            profile = getattr(self.acts_as, "staff_profile", None)
            if profile is None or profile.department_id != self.department_id:
                errors["acts_as"] = _("The staff account must belong to the client's department.")
        if errors:
            raise ValidationError(errors)

    def has_scope(self, scope: str) -> bool:
        return scope in (self.scopes or [])

    def is_usable(self, now=None) -> bool:
        return self.is_active and self.expires_at > (now or timezone.now())

    def allows_address(self, address: str | None) -> bool:
        networks = parse_networks(self.allowed_networks)
        if not networks:
            return True
        if not address:
            return False
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in network for network in networks)
