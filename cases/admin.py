"""Django admin (/django-admin/): bulk import of historical cases and export. Cases are read-only
here: every change to a case goes through the workflow in the back office (/admin/)."""

from django.contrib import admin
from import_export.admin import ImportExportModelAdmin

from cases.models import Case
from cases.resources import HistoricalCaseResource


@admin.register(Case)
class CaseAdmin(ImportExportModelAdmin):
    resource_classes = [HistoricalCaseResource]
    list_display = ["number", "title", "kind", "channel", "state", "department", "received_at"]
    list_filter = ["kind", "channel", "state", "department"]
    search_fields = ["number", "title", "project__code", "project__name"]
    date_hierarchy = "received_at"
    list_select_related = ["department"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_import_permission(self, request):
        return request.user.is_active and request.user.is_superuser
