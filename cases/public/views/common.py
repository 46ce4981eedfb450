"""Helpers shared by the public views."""

from django.core.exceptions import ValidationError

from portal.admin_views import add_service_errors as portal_add_service_errors

# Service argument names that differ from the public form fields.
SERVICE_FIELD_TO_FORM = {
    "project": "project_query",
    "project_text": "project_query",
    "respondent": "respondent_name",
    "respondent_text": "respondent_name",
    "is_anonymous": "identity",
}


def add_service_errors(form, error: ValidationError) -> None:
    portal_add_service_errors(form, error, SERVICE_FIELD_TO_FORM)
