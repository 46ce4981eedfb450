"""Form widgets shared by the apps."""

from django import forms


class IsoDateInput(forms.DateInput):
    """The browser's date picker. It accepts only an ISO date (2026-11-22) as its value, so the
    value is never written in the language's format (2026/11/22 in Chinese), which would leave
    the picker empty and lose an initial or re-displayed date."""

    input_type = "date"

    def __init__(self, attrs=None, format=None):  # noqa: A002 - Django's argument name
        super().__init__(attrs, format=format or "%Y-%m-%d")
