"""Django admin (/django-admin/): for superusers and bulk import/export; daily work is in Wagtail."""

from django.contrib import admin
from django.db import transaction
from import_export.admin import ImportExportModelAdmin

from directory import resources
from directory.calendar import calendar_changed
from directory.models import (
    Award,
    Bid,
    CalendarDay,
    CalendarYear,
    Department,
    EntityRelation,
    Grid,
    MarketEntity,
    StaffProfile,
    TradingProject,
)


class CalendarWritesMixin:
    """Every calendar write tells the calendar's listeners (the working-day index) in its transaction."""

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        calendar_changed()

    @transaction.atomic
    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        calendar_changed()

    @transaction.atomic
    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        calendar_changed()


@admin.register(Department)
class DepartmentAdmin(ImportExportModelAdmin):
    resource_classes = [resources.DepartmentResource]
    list_display = ["code", "name", "kind", "industry", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["code", "name"]


@admin.register(Grid)
class GridAdmin(ImportExportModelAdmin):
    resource_classes = [resources.GridResource]
    list_display = ["code", "name", "department", "area", "industry"]
    list_filter = ["department"]
    search_fields = ["code", "name", "area"]


@admin.register(StaffProfile)
class StaffProfileAdmin(ImportExportModelAdmin):
    resource_classes = [resources.StaffProfileResource]
    list_display = ["employee_no", "full_name", "department", "grid", "title"]
    list_filter = ["department"]
    search_fields = ["employee_no", "full_name", "user__username"]
    raw_id_fields = ["user"]


@admin.register(MarketEntity)
class MarketEntityAdmin(ImportExportModelAdmin):
    resource_classes = [resources.MarketEntityResource]
    list_display = ["code", "name", "entity_type", "legal_representative", "department"]
    list_filter = ["entity_type", "department"]
    search_fields = ["code", "name", "legal_representative"]


@admin.register(EntityRelation)
class EntityRelationAdmin(ImportExportModelAdmin):
    resource_classes = [resources.EntityRelationResource]
    list_display = ["entity", "kind", "value", "normalized_value"]
    list_filter = ["kind"]
    search_fields = ["entity__name", "entity__code", "normalized_value"]
    raw_id_fields = ["entity"]


@admin.register(TradingProject)
class TradingProjectAdmin(ImportExportModelAdmin):
    resource_classes = [resources.TradingProjectResource]
    list_display = ["code", "name", "category", "department", "tenderer", "budget", "announced_on"]
    list_filter = ["category", "department"]
    search_fields = ["code", "name"]
    raw_id_fields = ["tenderer", "agency"]
    date_hierarchy = "announced_on"


@admin.register(Bid)
class BidAdmin(ImportExportModelAdmin):
    resource_classes = [resources.BidResource]
    list_display = ["project", "bidder", "amount", "submitted_at", "is_valid"]
    list_filter = ["is_valid"]
    search_fields = ["project__code", "bidder__name", "bidder__code"]
    raw_id_fields = ["project", "bidder"]


@admin.register(Award)
class AwardAdmin(ImportExportModelAdmin):
    resource_classes = [resources.AwardResource]
    list_display = ["project", "winner", "amount", "awarded_on"]
    search_fields = ["project__code", "winner__name"]
    raw_id_fields = ["project", "winner"]


@admin.register(CalendarDay)
class CalendarDayAdmin(CalendarWritesMixin, ImportExportModelAdmin):
    resource_classes = [resources.CalendarDayResource]
    list_display = ["date", "is_workday", "note"]
    list_filter = ["is_workday"]
    date_hierarchy = "date"


@admin.register(CalendarYear)
class CalendarYearAdmin(CalendarWritesMixin, admin.ModelAdmin):
    list_display = ["year", "source", "loaded_at"]
