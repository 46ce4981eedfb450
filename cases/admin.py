"""Django admin (/django-admin/): bulk import of historical cases and export. Cases are read-only
here: every change to a case goes through the workflow in the back office (/admin/).

The list and its export show only the cases the user may see (cases.selectors) and only what the
back-office queues show and export (cases.resources.CaseListResource): no filer's ID number,
phone, e-mail or address and no hidden filer's name. Case pages live in the back office, so the
Django admin has no case detail page (it would show every field)."""

from django.contrib import admin
from import_export.admin import ImportExportModelAdmin

from cases import selectors
from cases.models import Case
from cases.resources import CaseListResource, HistoricalCaseResource

LIST_RELATED = ["department", "grid", "handler__staff_profile", "project", "respondent"]


@admin.register(Case)
class CaseAdmin(ImportExportModelAdmin):
    resource_classes = [HistoricalCaseResource]
    list_display = ["number", "title", "kind", "channel", "state", "department", "received_at"]
    list_display_links = None
    list_filter = ["kind", "channel", "state", "department"]
    search_fields = ["number", "title", "project__code", "project__name"]
    date_hierarchy = "received_at"
    list_select_related = ["department"]

    def get_queryset(self, request):
        return selectors.visible_cases(request.user)

    def get_export_queryset(self, request):
        return super().get_export_queryset(request).select_related(*LIST_RELATED)

    def get_export_resource_classes(self, request):
        return [CaseListResource]

    def has_view_permission(self, request, obj=None):
        return obj is None and super().has_view_permission(request) and request.user.has_perm("cases.view_case")

    def has_export_permission(self, request):
        return super().has_export_permission(request) and request.user.has_perm("cases.view_case")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_import_permission(self, request):
        return request.user.is_active and request.user.is_superuser
