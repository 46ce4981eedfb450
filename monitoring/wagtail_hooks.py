"""Back office: the 监测预警 menu (leads, company profiles, trading data imports)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from monitoring.views import imports, leads, parameters, profile, runs


@hooks.register("register_admin_urls")
def register_monitoring_urls():
    return [
        path("monitoring/leads/", leads.LeadQueueView.as_view(), name="monitoring_leads"),
        path("monitoring/leads/results/", leads.LeadQueueView.as_view(results_only=True),
             name="monitoring_leads_results"),
        path("monitoring/leads/<int:pk>/", leads.LeadDetailView.as_view(), name="monitoring_lead"),
        path("monitoring/leads/<int:pk>/<slug:action>/", leads.LeadActionView.as_view(), name="monitoring_lead_action"),
        path("monitoring/entities/", profile.EntitySearchView.as_view(), name="monitoring_entities"),
        path("monitoring/entities/<int:pk>/", profile.EntityProfileView.as_view(), name="monitoring_entity_profile"),
        path("monitoring/imports/", imports.ImportListView.as_view(), name="monitoring_imports"),
        path("monitoring/imports/new/", imports.ImportUploadView.as_view(), name="monitoring_import_new"),
        path("monitoring/imports/<int:pk>/", imports.ImportDetailView.as_view(), name="monitoring_import"),
        path("monitoring/leads/export.<str:fmt>", runs.export_leads, name="monitoring_leads_export"),
        path("monitoring/runs/", runs.RunListView.as_view(), name="monitoring_runs"),
        path("monitoring/runs/new/", runs.StartRunView.as_view(), name="monitoring_run_new"),
        path("monitoring/runs/<int:pk>/", runs.RunDetailView.as_view(), name="monitoring_run"),
        path("monitoring/runs/<int:pk>/progress.json", runs.run_progress, name="monitoring_run_progress"),
        path("monitoring/parameters/", parameters.ParameterListView.as_view(), name="monitoring_parameters"),
        path("monitoring/parameters/<slug:screen>/", parameters.ScreenParameterEditView.as_view(),
             name="monitoring_parameter_edit"),
    ]


class PermissionMenuItem(MenuItem):
    def __init__(self, label, url, permission, **kwargs):
        self.permission = permission
        super().__init__(label, url, **kwargs)

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


monitoring_menu = Menu(register_hook_name="register_monitoring_menu_item", construct_hook_name="construct_monitoring_menu")


@hooks.register("register_monitoring_menu_item")
def register_leads_item():
    return PermissionMenuItem(_("Leads"), reverse("monitoring_leads"), leads.VIEW_LEADS, icon_name="warning", order=100)


@hooks.register("register_monitoring_menu_item")
def register_profiles_item():
    return PermissionMenuItem(_("Company profiles"), reverse("monitoring_entities"), profile.VIEW_ENTITY,
                              icon_name="folder-open-inverse", order=200)


@hooks.register("register_monitoring_menu_item")
def register_imports_item():
    return PermissionMenuItem(_("Trading data imports"), reverse("monitoring_imports"), imports.VIEW_IMPORTS,
                              icon_name="upload", order=300)


@hooks.register("register_monitoring_menu_item")
def register_runs_item():
    return PermissionMenuItem(_("Screen runs"), reverse("monitoring_runs"), runs.VIEW_RUNS, icon_name="history",
                              order=400)


@hooks.register("register_monitoring_menu_item")
def register_parameters_item():
    return PermissionMenuItem(_("Screen parameters"), reverse("monitoring_parameters"),
                              "monitoring.view_screenparameter", icon_name="cog", order=500)


@hooks.register("register_admin_menu_item")
def register_monitoring_menu():
    return SubmenuMenuItem(_("Monitoring and alerts"), monitoring_menu, icon_name="warning", name="monitoring",
                           order=350)
