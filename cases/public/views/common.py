"""Helpers shared by the public views."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

# Service argument names that differ from the public form fields.
SERVICE_FIELD_TO_FORM = {
    "project": "project_query",
    "project_text": "project_query",
    "respondent": "respondent_name",
    "respondent_text": "respondent_name",
    "is_anonymous": "identity",
}


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: next to the field it names, else at the top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for name, errors in error.error_dict.items():
        field = SERVICE_FIELD_TO_FORM.get(name, name)
        if field in form.fields and field != NON_FIELD_ERRORS:
            form.add_error(field, errors)
        else:
            form.add_error(None, errors)
