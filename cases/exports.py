"""What a case list shows and exports, with the identity rules applied: a listed case is
already visible to the user (cases.selectors), so only an anonymous or confidential filer is
hidden, as in cases.selectors.filer_identity."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.calendar import WorkingCalendar, is_provisional


def listed_filer(case) -> str:
    if case.is_anonymous:
        return str(_("(anonymous)"))
    if case.is_confidential:
        return str(_("(confidential)"))
    return case.filer_name


def staff_name(user) -> str:
    if user is None:
        return ""
    profile = getattr(user, "staff_profile", None)
    return profile.full_name if profile is not None else (user.get_full_name() or user.get_username())


class DeadlineClock:
    """Working days left on each listed case's running deadline, with one calendar for the whole
    list (the calendar reads its tables once per year, so a page costs the same at any size)."""

    def __init__(self, today=None):
        self.today = today or timezone.localdate()
        self.calendar = WorkingCalendar()
        # Working days from today to each day seen so far, extended a day at a time: the whole
        # page walks the calendar once, not once per row (an overdue list reaches years back).
        self._left = {self.today: 0}
        self._earliest = self._latest = self.today

    def workdays_left(self, case) -> int | None:
        if case.current_due is None:
            return None
        return self.workdays_until(case.current_due)

    def workdays_until(self, day) -> int:
        """calendar.workdays_between(today, day), from the running counts."""
        one = dt.timedelta(days=1)
        while self._latest < day:
            following = self._latest + one
            self._left[following] = self._left[self._latest] + self.calendar.is_workday(following)
            self._latest = following
        while self._earliest > day:
            previous = self._earliest - one
            self._left[previous] = self._left[self._earliest] - self.calendar.is_workday(self._earliest)
            self._earliest = previous
        return self._left[day]

    def is_provisional(self, case) -> bool:
        """The due date lies in a year without a holiday schedule (counted Monday to Friday)."""
        return is_provisional(case.current_due, self.calendar)


# (attribute or callable key, heading) of the xlsx/csv export, in order.
EXPORT_COLUMNS = [
    ("number", _("Case number")),
    ("kind", _("Kind")),
    ("channel", _("Channel")),
    ("state", _("State")),
    ("title", _("Title")),
    ("filer", _("Filer")),
    ("project_code", _("Project code")),
    ("project_name", _("Project")),
    ("respondent", _("Respondent")),
    ("department", _("Department")),
    ("grid", _("Grid")),
    ("handler", _("Handler")),
    ("received_at", _("Received at")),
    ("current_due", _("Current due date")),
    ("workdays_left", _("Working days left")),
    ("outcome", _("Outcome")),
    ("decided_at", _("Decided at")),
    ("closed_at", _("Closed at")),
]


def export_row(case, clock: DeadlineClock) -> dict:
    def local(moment):
        return timezone.localtime(moment).replace(tzinfo=None) if moment else None

    return {
        "number": case.number,
        "kind": case.get_kind_display(),
        "channel": case.get_channel_display(),
        "state": case.get_state_display(),
        "title": case.title,
        "filer": listed_filer(case),
        "project_code": case.project.code if case.project else "",
        "project_name": case.project.name if case.project else case.project_text,
        "respondent": case.respondent.name if case.respondent else case.respondent_text,
        "department": case.department.name if case.department else "",
        "grid": case.grid.name if case.grid else "",
        "handler": staff_name(case.handler),
        "received_at": local(case.received_at),
        "current_due": case.current_due,
        "workdays_left": clock.workdays_left(case),
        "outcome": case.outcome_label,
        "decided_at": local(case.decided_at),
        "closed_at": local(case.closed_at),
    }
