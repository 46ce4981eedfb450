"""Who may call an endpoint. Integration clients need the endpoint's scope; staff endpoints also
accept a logged-in back-office session. What a caller may see or do beyond that is decided by the
apps' selectors and services, never here."""

from django.utils.translation import gettext_lazy as _
from rest_framework import permissions

from api.models import IntegrationClient


def calling_client(request) -> IntegrationClient | None:
    return request.auth if isinstance(request.auth, IntegrationClient) else None


class ClientScope(permissions.BasePermission):
    """An integration client holding `view.required_scope`. Sessions are refused."""

    message = _("This client's token does not include the scope this endpoint needs.")

    def has_permission(self, request, view):
        client = calling_client(request)
        if client is None:
            return False
        return client.has_scope(view.required_scope)


class StaffOrClientScope(permissions.BasePermission):
    """A back-office user (session), or a client with the scope acting as its staff account."""

    message = _("Only back-office staff, or a client with the required scope, may call this endpoint.")

    def has_permission(self, request, view):
        client = calling_client(request)
        if client is not None:
            return client.has_scope(view.required_scope) and request.user.is_authenticated
        user = request.user
        return bool(user and user.is_authenticated and user.is_active
                    and user.has_module_perms(getattr(view, "staff_app", "cases")))
