from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from directory.forms import YearScheduleForm
from directory.services import load_year_schedule
from portal.admin_views import AdminFormView


class LoadYearScheduleView(AdminFormView):
    permission_required = "directory.add_calendaryear"
    form_class = YearScheduleForm
    page_title = _("Load a year's holiday schedule")
    header_icon = "date"
    submit_button_label = _("Load schedule")
    intro = _(
        "Enter the State Council's holiday schedule for a year the official calendar does not cover yet. "
        "Loading a year again replaces what was loaded for it. Due dates of open cases counted into that year "
        "are recomputed, and each change is recorded on the case."
    )

    def perform(self, form):
        data = form.cleaned_data
        self.loaded = load_year_schedule(year=data["year"], days=form.schedule_days(), source=data["source"])
        self.success_message = _("The %(year)s schedule is loaded.") % {"year": self.loaded.year}

    def get_success_url(self):
        return reverse("directory_calendarday:index")
