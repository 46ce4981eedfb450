"""Every API error is an RFC 9457 problem details object (application/problem+json):
`type`, `title`, `status`, `detail` (Chinese by default, in the request's language), `instance`,
and for invalid input `errors` {field: [messages]} with the same messages as the web forms."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, serializers
from rest_framework import status as http
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from portal.errors import ActionNotAllowed, DomainError, PermissionRefused, StaleObject

PROBLEM_CONTENT_TYPE = "application/problem+json"
TYPE_PREFIX = "urn:portal:problem:"

TITLES = {
    400: _("The request is not valid"),
    401: _("Authentication required"),
    403: _("Permission denied"),
    404: _("Not found"),
    405: _("Method not allowed"),
    406: _("Not acceptable"),
    409: _("Conflict with the current state"),
    415: _("Unsupported media type"),
    422: _("The action cannot be completed"),
    429: _("Too many requests"),
}


class Conflict(exceptions.APIException):
    status_code = http.HTTP_409_CONFLICT
    default_code = "conflict"


class Unprocessable(exceptions.APIException):
    status_code = http.HTTP_422_UNPROCESSABLE_ENTITY
    default_code = "unprocessable"


def from_validation_error(error: DjangoValidationError, field_map: dict | None = None) -> exceptions.ValidationError:
    """A service's ValidationError as field errors, service argument names mapped to API field names."""
    if not hasattr(error, "error_dict"):
        return exceptions.ValidationError({"non_field_errors": list(error.messages)})
    errors = {}
    for name, messages in error.message_dict.items():
        field = "non_field_errors" if name == "__all__" else (field_map or {}).get(name, name)
        errors.setdefault(field, []).extend(messages)
    return exceptions.ValidationError(errors)


def from_form_errors(form, field_map: dict | None = None) -> exceptions.ValidationError:
    """A Django form's errors (the web form's own messages) under the API's field names."""
    errors = {}
    for name, messages in form.errors.items():
        field = "non_field_errors" if name == "__all__" else (field_map or {}).get(name, name)
        errors.setdefault(field, []).extend(str(message) for message in messages)
    return exceptions.ValidationError(errors)


def _translate(exc):
    if isinstance(exc, Http404):
        return exceptions.NotFound(str(exc) if str(exc) else None)
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied()
    if isinstance(exc, DjangoValidationError):
        return from_validation_error(exc)
    if isinstance(exc, PermissionRefused):
        return exceptions.PermissionDenied(str(exc.message), code=exc.code or "permission_refused")
    if isinstance(exc, StaleObject):
        return Conflict(str(exc.message), code="stale")
    if isinstance(exc, ActionNotAllowed):
        return Conflict(str(exc.message), code=exc.code or "not_allowed")
    if isinstance(exc, DomainError):
        return Unprocessable(str(exc.message), code=exc.code or "refused")
    return exc


def _flatten(detail):
    if isinstance(detail, dict):
        return {str(key): _flatten_list(value) for key, value in detail.items()}
    return {"non_field_errors": _flatten_list(detail)}


def _flatten_list(value):
    if isinstance(value, dict):  # nested serializer: "field.sub"
        return [f"{key}: {message}" for key, messages in value.items() for message in _flatten_list(messages)]
    if isinstance(value, list):
        return [message for item in value for message in _flatten_list(item)]
    return [str(value)]


def exception_handler(exc, context):
    exc = _translate(exc)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    request = context.get("request")
    status = response.status_code
    problem = {
        "type": TYPE_PREFIX + _code(exc),
        "title": str(TITLES.get(status, _("Error"))),
        "status": status,
        "detail": "",
        "instance": request.get_full_path() if request is not None else "",
    }
    if isinstance(exc, exceptions.ValidationError):
        problem["detail"] = str(_("Check the fields listed in “errors”."))
        problem["errors"] = _flatten(exc.detail)
        problem["type"] = TYPE_PREFIX + "validation"
    else:
        problem["detail"] = str(exc.detail) if isinstance(exc, exceptions.APIException) else str(exc)
    if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
        problem["retry_after"] = int(exc.wait) + (0 if float(exc.wait).is_integer() else 1)
    headers = {key: value for key, value in response.items() if key in ("Retry-After", "WWW-Authenticate", "Allow")}
    return Response(problem, status=status, headers=headers, content_type=PROBLEM_CONTENT_TYPE)


def _code(exc) -> str:
    if isinstance(exc, exceptions.APIException):
        codes = exc.get_codes()
        if isinstance(codes, str):
            return codes
        return exc.default_code
    return "error"


class ProblemSerializer(serializers.Serializer):
    """RFC 9457 problem details, as returned with every error status."""

    type = serializers.CharField(help_text=_("A URN naming the kind of problem, e.g. urn:portal:problem:validation."))
    title = serializers.CharField(help_text=_("Short summary of the kind of problem."))
    status = serializers.IntegerField()
    detail = serializers.CharField(help_text=_("What went wrong, for the person using the client."))
    instance = serializers.CharField(help_text=_("The path of the request."))
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()), required=False,
        help_text=_("Invalid input: messages per field; “non_field_errors” for the request as a whole."),
    )
    retry_after = serializers.IntegerField(required=False, help_text=_("Throttled: seconds to wait."))


def problem_responses(*statuses: int) -> dict:
    """drf-spectacular `responses` entries for the given error statuses."""
    from drf_spectacular.utils import OpenApiResponse

    return {(status, PROBLEM_CONTENT_TYPE): OpenApiResponse(ProblemSerializer, description=str(TITLES.get(status, "")))
            for status in statuses}


def not_found(request, *args, **kwargs):
    """Unknown paths under /api/ answer in the API's error shape, not with the site's HTML page."""
    from django.http import JsonResponse

    return JsonResponse({
        "type": TYPE_PREFIX + "not_found", "title": str(TITLES[404]), "status": 404,
        "detail": str(_("There is no API endpoint at this address.")), "instance": request.get_full_path(),
    }, status=404, content_type=PROBLEM_CONTENT_TYPE, json_dumps_params={"ensure_ascii": False})
