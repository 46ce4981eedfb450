import csv
import datetime as dt
import io

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


TRUE_WORDS = {"1", "true", "yes", "y", "是", "上班", "工作日"}
FALSE_WORDS = {"0", "false", "no", "n", "否", "休", "休息", "放假", "节假日"}


def parse_schedule_csv(data: bytes) -> list[ScheduleDay]:
    """A CSV of `date,is_workday,note` (the calendar export's columns; a header row is optional):
    holidays with is_workday 0/否/休, make-up working days with 1/是/上班."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise ValidationError(_("The file is not a CSV text file (UTF-8 or GB18030).")) from None
    days, errors = [], []
    for number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        cells = [cell.strip() for cell in row]
        if not cells or not cells[0] or cells[0].startswith("#"):
            continue
        if number == 1 and not _looks_like_date(cells[0]):
            continue  # header row
        if not _looks_like_date(cells[0]):
            errors.append(_("Row %(number)d: “%(value)s” is not a date like 2027-10-01.")
                          % {"number": number, "value": cells[0]})
            continue
        flag = (cells[1] if len(cells) > 1 else "").lower()
        if flag not in TRUE_WORDS | FALSE_WORDS:
            errors.append(_("Row %(number)d: say whether the day is a working day (1 or 0).") % {"number": number})
            continue
        days.append(ScheduleDay(dt.date.fromisoformat(cells[0]), flag in TRUE_WORDS, cells[2] if len(cells) > 2 else ""))
    if errors:
        raise ValidationError(errors)
    return days


class YearScheduleForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100)
    source = forms.CharField(label=gettext_lazy("Source"), max_length=200, required=False,
                             help_text=gettext_lazy("e.g. the State Council notice number"))
    schedule_file = forms.FileField(
        label=gettext_lazy("Schedule as CSV"), required=False,
        help_text=gettext_lazy("Instead of typing: a CSV file with the columns date, is_workday (1 or 0), note."),
    )
    holidays = forms.CharField(
        label=gettext_lazy("Public holidays"), widget=forms.Textarea(attrs={"rows": 8}), required=False,
        help_text=gettext_lazy("One per line: first day, optional last day, name. e.g. 2027-10-01 2027-10-07 国庆节"),
    )
    makeup_workdays = forms.CharField(
        label=gettext_lazy("Make-up working days"), widget=forms.Textarea(attrs={"rows": 4}), required=False,
        help_text=gettext_lazy("Weekend days that are working days, one per line. e.g. 2027-09-26 国庆节调休上班"),
    )

    def clean_holidays(self):
        return _parse_lines(self.cleaned_data.get("holidays") or "", is_workday=False)

    def clean_makeup_workdays(self):
        return _parse_lines(self.cleaned_data.get("makeup_workdays") or "", is_workday=True)

    def clean_schedule_file(self):
        upload = self.cleaned_data.get("schedule_file")
        if not upload:
            return []
        if upload.size > 200_000:
            raise ValidationError(_("A year's schedule is a small file: this one is too large."))
        return parse_schedule_csv(upload.read())

    def schedule_days(self) -> list[ScheduleDay]:
        data = self.cleaned_data
        return data.get("schedule_file", []) + data.get("holidays", []) + data.get("makeup_workdays", [])

    def clean(self):
        data = super().clean()
        if not self.errors and not self.schedule_days():
            raise ValidationError(_("Enter the public holidays or choose a CSV file with the schedule."))
        return data
