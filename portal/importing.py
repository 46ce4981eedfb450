"""Shared pieces for django-import-export resources: natural-code foreign keys with clear errors,
and a base resource that validates every row and imports nothing when any row is wrong."""

from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext as _
from import_export import resources, widgets


class CodeForeignKeyWidget(widgets.ForeignKeyWidget):
    """Looks a related row up by its natural code and says which code was not found."""

    def __init__(self, model, field="code", **kwargs):
        super().__init__(model, field=field, **kwargs)

    def clean(self, value, row=None, **kwargs):
        value = value.strip() if isinstance(value, str) else value
        try:
            return super().clean(value, row, **kwargs)
        except ObjectDoesNotExist:
            raise ValueError(
                _("No %(model)s with code “%(value)s” exists.")
                % {"model": self.model._meta.verbose_name, "value": value}
            ) from None


class StrictResource(resources.ModelResource):
    """Runs model validation on every row; one bad row, whether an exception or a validation
    error, rolls the whole file back."""

    def import_data(self, dataset, **kwargs):
        kwargs.setdefault("use_transactions", True)
        kwargs.setdefault("rollback_on_validation_errors", True)
        return super().import_data(dataset, **kwargs)

    class Meta:
        abstract = True
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
