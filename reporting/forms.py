import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from directory.models import Department
from portal.widgets import IsoDateInput
from reporting.figures.period import CUSTOM, QUARTER, YEAR, Period

LIVE = "live"
PUBLISHED = "published"
MAX_CUSTOM_DAYS = 3 * 366


class PeriodForm(forms.Form):
    """The dashboard's period picker (a GET form: every view of the dashboard has a URL)."""

    kind = forms.ChoiceField(label=pgettext_lazy("statistics", "Period"), choices=[(QUARTER, _("Quarter")), (YEAR, _("Year")),
                                                         (CUSTOM, _("Custom dates"))], initial=QUARTER)
    year = forms.IntegerField(label=_("Year"), min_value=2004, max_value=2100, required=False)
    quarter = forms.TypedChoiceField(label=_("Quarter"), coerce=int, required=False,
                                     choices=[(q, _("Q%(n)s") % {"n": q}) for q in (1, 2, 3, 4)])
    first = forms.DateField(label=pgettext_lazy("date range", "From"), required=False, widget=IsoDateInput())
    last = forms.DateField(label=pgettext_lazy("date range", "To"), required=False, widget=IsoDateInput())
    department = forms.ModelChoiceField(
        label=_("Department"), required=False, empty_label=_("All departments"),
        queryset=Department.objects.filter(kind=Department.Kind.SUPERVISING).order_by("code"),
    )
    source = forms.ChoiceField(label=_("Figures"), required=False, initial=LIVE,
                               choices=[(LIVE, pgettext_lazy("figures source", "Live")), (PUBLISHED, _("As published"))])

    @staticmethod
    def default_data(today: dt.date | None = None) -> dict:
        previous = Period.previous_quarter(today or timezone.localdate())
        return {"kind": QUARTER, "year": previous.first.year, "quarter": previous.quarter_number, "source": LIVE}

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind in (QUARTER, YEAR) and not data.get("year"):
            self.add_error("year", _("Choose a year."))
        if kind == QUARTER and not data.get("quarter"):
            self.add_error("quarter", _("Choose a quarter."))
        if kind == CUSTOM:
            first, last = data.get("first"), data.get("last")
            if not first:
                self.add_error("first", _("Give the first day."))
            if not last:
                self.add_error("last", _("Give the last day."))
            if first and last and last < first:
                raise ValidationError(_("The period ends before it starts."))
            if first and last and (last - first).days > MAX_CUSTOM_DAYS:
                raise ValidationError(_("Choose a period of at most three years."))
        return data

    def period(self) -> Period:
        data = self.cleaned_data
        if data["kind"] == QUARTER:
            return Period.quarter(data["year"], data["quarter"])
        if data["kind"] == YEAR:
            return Period.year(data["year"])
        return Period.custom(data["first"], data["last"])
