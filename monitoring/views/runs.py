"""Back office: screen runs (each recorded: when, data extent, parameters, counts per screen,
duration) and starting one on demand, with its progress."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from monitoring import selectors
from monitoring.models import RunTrigger, Screen, ScreenRun
from monitoring.services import runs as run_services
from portal.admin_views import AdminFormView, TitledAdminMixin

VIEW_RUNS = "monitoring.view_screenrun"


class RunPermissionMixin:
    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(VIEW_RUNS):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class RunListView(RunPermissionMixin, TitledAdminMixin, TemplateView):
    template_name = "monitoring/admin/run_list.html"
    page_title = _("Screen runs")
    header_icon = "cogs"

    def get_context_data(self, **kwargs):
        return super().get_context_data(runs=selectors.recent_runs(50),
                                        can_run=self.request.user.has_perm(run_services.RUN), **kwargs)


class StartRunView(AdminFormView):
    permission_required = run_services.RUN
    page_title = _("Run the screens now")
    header_icon = "cogs"
    form_class = forms.Form
    submit_button_label = _("Start the run")
    intro = _("Every enabled screen runs over all trading data in the background; new findings become "
              "leads, known ones are updated. The next page shows the progress.")

    def perform(self, form):
        self.run = run_services.request_run(trigger=RunTrigger.BACK_OFFICE, actor=self.request.user)

    def get_success_url(self):
        return reverse("monitoring_run", args=[self.run.pk])


class RunDetailView(RunPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "monitoring/admin/run_detail.html"
    header_icon = "cogs"

    def dispatch(self, request, *args, **kwargs):
        self.run = get_object_or_404(ScreenRun.objects.select_related("requested_by"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Screen run #%(pk)s") % {"pk": self.run.pk}

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": reverse("monitoring_runs"), "label": _("Screen runs")},
                {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        labels = dict(Screen.choices)
        counts = [(labels.get(code, code), row) for code, row in (self.run.counts or {}).items() if isinstance(row, dict)]
        return super().get_context_data(run=self.run, counts=counts, **kwargs)
