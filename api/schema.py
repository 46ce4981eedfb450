"""OpenAPI description of the client token authentication (drf-spectacular extension)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ClientTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.ClientTokenAuthentication"
    name = "clientToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Integration client token (issued in the back office, shown once).",
        }


class VerifiedSessionScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.VerifiedSessionAuthentication"
    name = "cookieAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "cookie",
            "name": "sessionid",
            "description": "A back-office session that has passed the second factor.",
        }


def only_api_endpoints(endpoints):
    """The schema describes /api/v1/ only, not Wagtail's internal admin API (also built on DRF)."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
