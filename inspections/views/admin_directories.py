"""Back-office screens of the directories: build targets from the market directory, and an
inspector's conflicts (declared and derived)."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from inspections.models import InspectionTarget, Inspector, RiskGrade
from inspections.services.conflicts import conflicts
from inspections.services.targets import change_grade, sync_targets_from_directory
from portal.admin_views import AdminFormView


class BuildTargetsForm(forms.Form):
    default_grade = forms.ChoiceField(label=_("Risk grade for new entries"), choices=RiskGrade.choices,
                                      initial=RiskGrade.B)


class BuildTargetsView(AdminFormView):
    permission_required = "inspections.add_inspectiontarget"
    form_class = BuildTargetsForm
    page_title = _("Build the inspection target directory")
    header_icon = "site"
    submit_button_label = _("Add missing targets")
    intro = _("Adds every active market entity with a supervising department and every trading project that is not "
              "in the target directory yet. Existing entries keep their grades and flags.")

    def perform(self, form):
        created = sync_targets_from_directory(actor=self.request.user, default_grade=form.cleaned_data["default_grade"])
        self.success_message = _("%(entities)d entities and %(projects)d projects added.") % {
            "entities": created["entity"], "projects": created["project"]}

    def get_success_url(self):
        return reverse("inspections_target:index")


class ChangeGradeForm(forms.Form):
    grade = forms.ChoiceField(label=_("New risk grade"), choices=RiskGrade.choices)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=500)


class ChangeGradeView(AdminFormView):
    """The back office's only way to change a target's risk grade: through the service, which
    records a target event (the generic target editor shows the grade read-only)."""

    permission_required = "inspections.change_inspectiontarget"
    form_class = ChangeGradeForm
    header_icon = "site"
    submit_button_label = _("Change the risk grade")

    def dispatch(self, request, *args, **kwargs):
        self.target = get_object_or_404(InspectionTarget, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Risk grade of %(target)s") % {"target": self.target}

    def get_initial(self):
        return {"grade": self.target.risk_grade}

    def perform(self, form):
        change_grade(target=self.target, grade=form.cleaned_data["grade"], actor=self.request.user,
                     reason=form.cleaned_data["reason"], source="back_office")
        self.success_message = _("The risk grade is changed and the change is recorded.")

    def get_success_url(self):
        return reverse("inspections_target:edit", args=[self.target.pk])


class InspectorConflictsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "inspections/admin/inspector_conflicts.html"
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("inspections.view_inspector"):
            raise PermissionDenied
        self.inspector = get_object_or_404(Inspector.objects.select_related("staff__user"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Conflicts of %(name)s") % {"name": self.inspector.staff.full_name}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        targets = list(InspectionTarget.objects.filter(is_active=True).select_related("entity", "project"))
        found = conflicts([self.inspector], targets)[self.inspector.pk]
        by_pk = {t.pk: t for t in targets}
        context.update(inspector=self.inspector, ties=self.inspector.ties.select_related("entity"),
                       rows=[(by_pk[pk], reasons) for pk, reasons in found.items()])
        return context
