"""Back office: screen runs — start one on demand and follow its progress; export leads."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from monitoring import exports, selectors
from monitoring.models import RunTrigger, ScreenRun
from monitoring.services import runs
from monitoring.views.leads import LeadFilterSet, require_lead_viewer
from portal.admin_views import AdminFormView, TitledAdminMixin

VIEW_RUNS = "monitoring.view_screenrun"


class RunListView(TitledAdminMixin, TemplateView):
    template_name = "monitoring/admin/run_list.html"
    page_title = _("Screen runs")
    header_icon = "history"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(VIEW_RUNS):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(runs=selectors.recent_runs(30), can_run=self.request.user.has_perm(runs.RUN),
                                        **kwargs)


class StartRunView(AdminFormView):
    permission_required = runs.RUN
    page_title = _("Run the screens now")
    header_icon = "history"
    form_class = forms.Form
    submit_button_label = _("Start the run")
    intro = _("Runs every enabled screen over all trading data in the background; the next page shows its "
              "progress. Leads already found are updated, not duplicated.")

    def perform(self, form):
        self.run = runs.request_run(trigger=RunTrigger.BACK_OFFICE, actor=self.request.user)

    def get_success_url(self):
        return reverse("monitoring_run", args=[self.run.pk])


class RunDetailView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "monitoring/admin/run_detail.html"
    header_icon = "history"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(VIEW_RUNS):
            raise PermissionDenied
        self.run = get_object_or_404(ScreenRun.objects.select_related("requested_by"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Screen run #%(pk)s") % {"pk": self.run.pk}

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": reverse("monitoring_runs"), "label": _("Screen runs")},
                {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        counts = [(code, row) for code, row in sorted(self.run.counts.items()) if isinstance(row, dict)]
        return super().get_context_data(run=self.run, counts=counts, **kwargs)


def run_progress(request, pk):
    if not request.user.has_perm(VIEW_RUNS):
        raise PermissionDenied
    run = get_object_or_404(ScreenRun, pk=pk)
    return JsonResponse({"state": run.state, "progress": run.progress, "step": run.progress_note,
                         "finished": run.is_finished})


def export_leads(request, fmt):
    """The leads the user may see, with the queue's filters, as csv, xlsx or JSON."""
    require_lead_viewer(request.user)
    if fmt not in exports.FORMATS:
        raise Http404
    filtered = LeadFilterSet(request.GET, queryset=selectors.visible_leads(request.user), request=request).qs
    response = HttpResponse(exports.export_leads(filtered, fmt), content_type=exports.FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="leads-{timezone.localdate():%Y%m%d}.{fmt}"'
    return response
