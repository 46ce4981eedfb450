"""Back office (Wagtail admin): directories, plans and inspections."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from inspections import selectors
from inspections.forms import InspectorForm, InspectorTieForm
from inspections.models import Inspection, InspectionItem, InspectionPlan, InspectionTarget, Inspector, InspectorTie
from inspections.views import admin_inspections, admin_plans
from inspections.views.admin_directories import BuildTargetsView, InspectorConflictsView


class ItemViewSet(ModelViewSet):
    model = InspectionItem
    icon = "list-ol"
    list_display = ["code", "name", "department", "kind", "is_active"]
    list_filter = ["department", "kind", "is_active"]
    search_fields = ["code", "name", "legal_basis"]
    form_fields = ["code", "name", "legal_basis", "department", "kind", "is_active"]
    copy_view_enabled = False


class TargetViewSet(ModelViewSet):
    model = InspectionTarget
    icon = "site"
    list_display = ["__str__", "kind", "department", "risk_grade", "forced_complaint", "forced_lead",
                    "last_inspected_on"]
    list_filter = ["kind", "department", "risk_grade", "forced_complaint", "forced_lead", "is_active"]
    search_fields = ["entity__name", "entity__code", "project__name", "project__code"]
    form_fields = ["kind", "entity", "project", "department", "industry", "risk_grade", "forced_complaint",
                   "forced_lead", "forced_note", "last_inspected_on", "is_active"]
    copy_view_enabled = False


class InspectorViewSet(ModelViewSet):
    model = Inspector
    icon = "user"
    list_display = ["__str__", "certificate_no", "certificate_valid_until", "is_active",
                    TitleColumn("conflicts", label=_("Conflicts"), accessor=lambda inspector: _("Show conflicts"),
                                get_url=lambda inspector: reverse("inspections_inspector_conflicts",
                                                                  args=[inspector.pk]))]
    list_filter = ["staff__department", "is_active"]
    search_fields = ["certificate_no", "staff__full_name"]
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return InspectorForm


class InspectorTieViewSet(ModelViewSet):
    model = InspectorTie
    icon = "warning"
    list_display = ["inspector", "kind", "entity", "relative_name", "declared_on"]
    list_filter = ["kind"]
    search_fields = ["inspector__staff__full_name", "entity__name", "relative_name"]
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return InspectorTieForm


class ViewableTitleIndexView(IndexView):
    """The "edit" view of plans and inspections is their read-only page with action buttons, which
    everyone who may view them can open (inspectors, office supervisors, auditors), so the title
    links there even without the change permission."""

    def get_edit_url(self, instance):
        if self.user_has_permission("view") or self.user_has_permission("change"):
            return reverse(self.edit_url_name, args=[instance.pk])
        return None


class PlanViewSet(ModelViewSet):
    model = InspectionPlan
    icon = "list-ul"
    index_view_class = ViewableTitleIndexView
    list_display = ["code", "title", "kind", "period_start", "draw_at", "state"]
    list_filter = ["state", "kind"]
    search_fields = ["code", "title"]
    form_fields = ["code"]  # creation and editing go through inspections.services.plans
    copy_view_enabled = False

    @property
    def add_view(self):
        return admin_plans.PlanCreateView.as_view()

    @property
    def edit_view(self):
        # The plan's page: manifest, progress, drawn targets, results and actions.
        return admin_plans.PlanDetailView.as_view()


class InspectionIndexView(ViewableTitleIndexView):
    def get_base_queryset(self):
        return selectors.inspections_for(self.request.user)


class InspectionViewSet(ModelViewSet):
    model = Inspection
    icon = "tasks"
    index_view_class = InspectionIndexView
    list_display = ["__str__", "state", "outcome", "publish_due", "published_on"]
    list_filter = ["state", "outcome", "plan"]
    search_fields = ["target__entity__name", "target__project__name", "plan__code"]
    form_fields = ["findings"]  # changes go through the action views
    copy_view_enabled = False

    @property
    def edit_view(self):
        return admin_inspections.InspectionDetailView.as_view()


class InspectionsGroup(ModelViewSetGroup):
    menu_label = _("Random inspections")
    menu_icon = "tasks"
    menu_order = 300
    items = (PlanViewSet("inspections_plan"), InspectionViewSet("inspections_inspection"),
             ItemViewSet("inspections_item"), TargetViewSet("inspections_target"),
             InspectorViewSet("inspections_inspector"), InspectorTieViewSet("inspections_tie"))


@hooks.register("register_admin_viewset")
def register_inspection_viewsets():
    return InspectionsGroup()


@hooks.register("register_admin_urls")
def register_inspection_urls():
    return [
        path("inspections/plans/<int:pk>/edit/", admin_plans.PlanEditView.as_view(), name="inspections_plan_edit"),
        path("inspections/plans/<int:pk>/export.xlsx", admin_plans.plan_export, name="inspections_plan_export"),
        path("inspections/plans/<int:pk>/<slug:action>/", admin_plans.PlanActionView.as_view(),
             name="inspections_plan_action"),
        path("inspections/inspections/<int:pk>/evidence/<int:evidence_pk>/", admin_inspections.evidence_download,
             name="inspections_evidence_download"),
        path("inspections/inspections/<int:pk>/<slug:action>/", admin_inspections.InspectionActionView.as_view(),
             name="inspections_inspection_action"),
        path("inspections/build-targets/", BuildTargetsView.as_view(), name="inspections_build_targets"),
        path("inspections/inspectors/<int:pk>/conflicts/", InspectorConflictsView.as_view(),
             name="inspections_inspector_conflicts"),
    ]


@hooks.register("register_settings_menu_item")
def register_build_targets_menu_item():
    return MenuItem(_("Build inspection target directory"), reverse("inspections_build_targets"), icon_name="site",
                    order=910)


class InspectionWorkPanel(Component):
    """The dashboard's "my inspections" panel, so an inspector or manager starts from their work."""

    name = "inspection_work"
    order = 120
    template_name = "inspections/admin/home_panel.html"

    def __init__(self, plans, inspections):
        self.plans, self.inspections = plans, inspections

    def get_context_data(self, parent_context=None):
        return {"plans": self.plans, "inspections": self.inspections}


@hooks.register("construct_homepage_panels")
def add_inspection_work_panel(request, panels):
    plans = list(selectors.plans_awaiting_action(request.user))
    inspections = list(selectors.open_inspections_for(request.user))
    if plans or inspections:
        panels.append(InspectionWorkPanel(plans, inspections))
