"""Back-office menus for the reference directory and the working-day calendar."""

from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from directory.calendar import calendar_warnings
from directory.models import CalendarDay, Department, Grid, MarketEntity, StaffProfile, TradingProject
from directory.views import LoadYearScheduleView


class DepartmentViewSet(ModelViewSet):
    model = Department
    icon = "group"
    list_display = ["code", "name", "kind", "industry", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["code", "name"]
    form_fields = ["code", "name", "short_name", "kind", "industry", "phone", "email", "address", "is_active"]


class GridViewSet(ModelViewSet):
    model = Grid
    icon = "table"
    list_display = ["code", "name", "department", "area", "industry"]
    list_filter = ["department"]
    search_fields = ["code", "name", "area"]
    form_fields = ["code", "name", "department", "area", "industry", "contact_phone", "contact_email", "is_active"]


class StaffProfileViewSet(ModelViewSet):
    model = StaffProfile
    icon = "user"
    list_display = ["employee_no", "full_name", "department", "grid", "title"]
    list_filter = ["department"]
    search_fields = ["employee_no", "full_name"]
    form_fields = ["user", "employee_no", "full_name", "department", "grid", "title", "phone", "is_grid_supervisor"]


class MarketEntityViewSet(ModelViewSet):
    model = MarketEntity
    icon = "form"
    list_display = ["code", "name", "entity_type", "legal_representative", "department",
                    # 一企一档 lives in monitoring (monitoring/views/profile.py).
                    TitleColumn("profile", label=_("Company profile"), accessor=lambda entity: _("Company profile"),
                                get_url=lambda entity: reverse("monitoring_entity_profile", args=[entity.pk]))]
    list_filter = ["entity_type", "department"]
    search_fields = ["code", "name", "legal_representative"]
    form_fields = ["code", "name", "entity_type", "legal_representative", "address", "phone", "email",
                   "department", "industry", "is_active"]
    inspect_view_enabled = True


class TradingProjectViewSet(ModelViewSet):
    model = TradingProject
    icon = "doc-full"
    list_display = ["code", "name", "category", "department", "budget", "announced_on"]
    list_filter = ["category", "department"]
    search_fields = ["code", "name"]
    form_fields = ["code", "name", "category", "department", "tenderer", "agency", "budget", "announced_on",
                   "bid_deadline", "opened_at", "awarded_on", "completed_on"]
    inspect_view_enabled = True


class CalendarDayViewSet(ModelViewSet):
    model = CalendarDay
    icon = "date"
    menu_label = _("Working-day calendar")
    list_display = ["date", "is_workday", "note"]
    list_filter = ["is_workday"]
    form_fields = ["date", "is_workday", "note"]
    copy_view_enabled = False


class DirectoryGroup(ModelViewSetGroup):
    menu_label = _("Directory")
    menu_icon = "folder-open-inverse"
    menu_order = 600
    items = (DepartmentViewSet("directory_department"), GridViewSet("directory_grid"),
             StaffProfileViewSet("directory_staffprofile"), MarketEntityViewSet("directory_marketentity"),
             TradingProjectViewSet("directory_tradingproject"), CalendarDayViewSet("directory_calendarday"))


@hooks.register("register_admin_viewset")
def register_directory_viewsets():
    return DirectoryGroup()


@hooks.register("register_admin_urls")
def register_calendar_urls():
    return [path("calendar/load-year/", LoadYearScheduleView.as_view(), name="directory_load_year")]


@hooks.register("register_settings_menu_item")
def register_load_year_menu_item():
    return MenuItem(_("Load holiday schedule"), reverse("directory_load_year"), icon_name="date", order=900)


class CalendarWarningsPanel(Component):
    name = "calendar_warnings"
    order = 10

    def __init__(self, warnings):
        self.warnings = warnings

    def render_html(self, parent_context=None):
        items = format_html_join("", "<p>{}</p>", ((w,) for w in self.warnings))
        link = reverse("directory_load_year")
        return format_html(
            '<section class="help-block help-warning" role="alert" aria-label="{}">{}<p><a href="{}">{}</a></p></section>',
            _("Working-day calendar"), items, link, _("Load holiday schedule"),
        )


@hooks.register("construct_homepage_panels")
def add_calendar_warnings(request, panels):
    warnings = calendar_warnings(timezone.localdate())
    if warnings:
        panels.insert(0, CalendarWarningsPanel(warnings))
