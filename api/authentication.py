"""`Authorization: Bearer <token>` for integration clients. The request then acts as the client's
staff account (if any), so every permission and visibility rule of the back office applies unchanged;
scopes (api.permissions) narrow what the token may call."""

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from api import selectors, services
from portal.http import client_ip
from staffauth.policy import requires_two_factor


class ClientTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Malformed Authorization header: use “Bearer <token>”."))
        try:
            token = header[1].decode("ascii")
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("The token is not valid.")) from None
        client = selectors.client_for_token(token)
        if client is None:
            raise exceptions.AuthenticationFailed(_("The token is not valid."))
        if not client.is_usable():
            raise exceptions.AuthenticationFailed(_("This client's token has expired or was deactivated."))
        if not client.allows_address(client_ip(request._request)):
            raise exceptions.PermissionDenied(_("This client may not call the API from this address."))
        user = client.acts_as if client.acts_as_id and client.acts_as.is_active else AnonymousUser()
        services.touch(client)
        return user, client

    def authenticate_header(self, request):
        return self.keyword


class VerifiedSessionAuthentication(authentication.SessionAuthentication):
    """A back-office session, with the same second-factor rule as the back office (staffauth.policy):
    a staff member who signed in with a password but not yet with a code gets no API access."""

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is None:
            return None
        user = result[0]
        if requires_two_factor(user) and not getattr(request._request.user, "is_verified", lambda: False)():
            raise exceptions.PermissionDenied(_("Complete the sign-in with your authenticator code first."))
        return result
