"""Django admin (/django-admin/): bulk import/export of the inspection directories."""

from django.contrib import admin
from import_export.admin import ImportExportModelAdmin

from inspections import resources
from inspections.models import InspectionItem, InspectionTarget, Inspector, InspectorTie


@admin.register(InspectionItem)
class InspectionItemAdmin(ImportExportModelAdmin):
    resource_classes = [resources.InspectionItemResource]
    list_display = ["code", "name", "department", "kind", "is_active"]
    list_filter = ["department", "kind"]
    search_fields = ["code", "name"]


@admin.register(InspectionTarget)
class InspectionTargetAdmin(ImportExportModelAdmin):
    resource_classes = [resources.InspectionTargetResource]
    list_display = ["__str__", "kind", "department", "risk_grade", "forced_complaint", "forced_lead",
                    "last_inspected_on"]
    list_filter = ["kind", "department", "risk_grade"]
    raw_id_fields = ["entity", "project"]


@admin.register(Inspector)
class InspectorAdmin(ImportExportModelAdmin):
    resource_classes = [resources.InspectorResource]
    list_display = ["__str__", "certificate_no", "certificate_valid_until", "is_active"]
    raw_id_fields = ["staff"]


@admin.register(InspectorTie)
class InspectorTieAdmin(admin.ModelAdmin):
    list_display = ["inspector", "kind", "entity", "relative_name"]
    raw_id_fields = ["inspector", "entity"]
