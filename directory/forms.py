import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from directory.services import ScheduleDay


def _parse_lines(text: str, is_workday: bool) -> list[ScheduleDay]:
    """Lines of `YYYY-MM-DD [YYYY-MM-DD] name`: one day or an inclusive range, then its name."""
    days, errors = [], []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.replace("至", " ").replace("~", " ").split()
        has_range = len(parts) > 1 and _looks_like_date(parts[1])
        try:
            first = dt.date.fromisoformat(parts[0])
            last = dt.date.fromisoformat(parts[1]) if has_range else first
        except ValueError:
            errors.append(_("Line %(number)d: “%(line)s” does not start with a date like 2027-10-01.")
                          % {"number": number, "line": line})
            continue
        if last < first:
            errors.append(_("Line %(number)d: the range ends before it starts.") % {"number": number})
            continue
        if (last - first).days > 31:
            errors.append(_("Line %(number)d: a holiday longer than a month is surely a typing error.") % {"number": number})
            continue
        name = " ".join(parts[2:] if has_range else parts[1:])
        day = first
        while day <= last:
            days.append(ScheduleDay(day, is_workday, name))
            day += dt.timedelta(days=1)
    if errors:
        raise ValidationError(errors)
    return days


def _looks_like_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


class YearScheduleForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100)
    source = forms.CharField(label=gettext_lazy("Source"), max_length=200, required=False,
                             help_text=gettext_lazy("e.g. the State Council notice number"))
    holidays = forms.CharField(
        label=gettext_lazy("Public holidays"), widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy("One per line: first day, optional last day, name. e.g. 2027-10-01 2027-10-07 国庆节"),
    )
    makeup_workdays = forms.CharField(
        label=gettext_lazy("Make-up working days"), widget=forms.Textarea(attrs={"rows": 4}), required=False,
        help_text=gettext_lazy("Weekend days that are working days, one per line. e.g. 2027-09-26 国庆节调休上班"),
    )

    def clean_holidays(self):
        return _parse_lines(self.cleaned_data["holidays"], is_workday=False)

    def clean_makeup_workdays(self):
        return _parse_lines(self.cleaned_data.get("makeup_workdays") or "", is_workday=True)
