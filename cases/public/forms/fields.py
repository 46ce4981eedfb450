"""Form fields shared by the public forms."""

from django import forms
from django.utils.translation import pgettext_lazy

from portal.widgets import IsoDateInput


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; type, size and count are checked by cases.services.add_attachment."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget",
            MultipleFileInput(
                attrs={
                    "accept": ".pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx,.zip,.ofd,.txt",
                }
            ),
        )
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


def date_field(label, **kwargs):
    return forms.DateField(label=label, widget=IsoDateInput(), **kwargs)


def phone_field(**kwargs):
    return forms.CharField(
        label=pgettext_lazy("a filer's phone number", "Phone"),
        max_length=40,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        **kwargs,
    )
