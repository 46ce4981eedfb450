"""Back office: upload trading data and follow its import."""

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from monitoring.forms import TradingImportForm
from monitoring.models import TradingImport
from monitoring.services import imports
from portal.admin_views import AdminFormView, TitledAdminMixin

VIEW_IMPORTS = "monitoring.view_tradingimport"


class ImportListView(TitledAdminMixin, TemplateView):
    template_name = "monitoring/admin/import_list.html"
    page_title = _("Trading data imports")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(VIEW_IMPORTS):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            imports=TradingImport.objects.select_related("requested_by")[:50],
            can_upload=self.request.user.has_perm(imports.IMPORT),
            **kwargs,
        )


class ImportUploadView(AdminFormView):
    permission_required = imports.IMPORT
    page_title = _("Import trading data")
    header_icon = "upload"
    form_class = TradingImportForm
    submit_button_label = _("Upload and import")
    intro = _("The import runs in the background; the next page shows its progress and, at the end, every "
              "row that could not be imported with the reason. Importing the same file again changes nothing.")

    def perform(self, form):
        data = form.cleaned_data
        self.job = imports.start_trading_import(
            actor=self.request.user, upload=data["file"], kind=data["kind"], mode=data["mode"],
            default_department=data["default_department"])

    def get_success_url(self):
        return reverse("monitoring_import", args=[self.job.pk])


class ImportDetailView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "monitoring/admin/import_detail.html"
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(VIEW_IMPORTS):
            raise PermissionDenied
        self.job = get_object_or_404(TradingImport.objects.select_related("requested_by", "default_department"),
                                     pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Import of %(name)s") % {"name": self.job.original_name}

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": reverse("monitoring_imports"), "label": _("Trading data imports")},
                {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        report = self.job.report or {}
        written = [(apps.get_model(label)._meta.verbose_name_plural, count)
                   for label, count in sorted((report.get("written") or {}).items())]
        return super().get_context_data(job=self.job, report=report, written=written, **kwargs)
