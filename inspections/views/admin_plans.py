"""Back-office screens for plans: create/edit drafts, the plan page, approve, run, cancel, export."""

import json

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cases.exports import staff_name
from inspections import exports, selectors
from inspections import rules as inspection_rules
from inspections.forms import CancelForm, ConfirmForm, PlanForm, PublicValueForm, RunDrawForm
from inspections.models import InspectionPlan, PlanState
from inspections.services import plans, public_value
from inspections.views.history import history, plan_breadcrumbs
from inspections.views.public import _result_rows
from portal.admin_views import AdminFormView


class PlanFormView(AdminFormView):
    form_class = PlanForm
    header_icon = "list-ul"
    submit_button_label = _("Save draft")

    def get_object(self):
        return None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.get_object()}

    def perform(self, form):
        data = form.cleaned_data
        self.plan = plans.save_plan(
            actor=self.request.user, plan=self.get_object(), values=data, departments=data["departments"],
            items=data["items"], forced_targets=data["forced_targets"])
        self.success_message = _("Plan %(code)s saved.") % {"code": self.plan.code}

    def get_success_url(self):
        return reverse("inspections_plan:edit", args=[self.plan.pk])

    def get_breadcrumbs_items(self):
        plan = self.get_object()
        return plan_breadcrumbs(plan, last=self.page_title)


class PlanCreateView(PlanFormView):
    permission_required = "inspections.add_inspectionplan"
    page_title = _("New inspection plan")


class PlanEditView(PlanFormView):
    permission_required = "inspections.change_inspectionplan"
    page_title = _("Edit inspection plan")

    def get_object(self):
        return get_object_or_404(InspectionPlan, pk=self.kwargs["pk"])

    def dispatch(self, request, *args, **kwargs):
        plan = self.get_object()
        if plan.state != "draft" and request.user.has_perm(self.permission_required):
            # Approval froze the manifest; send the user back rather than show a form that cannot be saved.
            messages.error(request, _("Only a draft plan can be changed; an approved plan's manifest is frozen."))
            return redirect("inspections_plan:edit", plan.pk)
        return super().dispatch(request, *args, **kwargs)


class PlanDetailView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "inspections/admin/plan_detail.html"
    header_icon = "list-ul"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("inspections.view_inspectionplan"):
            raise PermissionDenied
        self.plan = get_object_or_404(InspectionPlan.objects.prefetch_related("departments", "items"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.plan.code

    def get_page_subtitle(self):
        return self.plan.title

    def get_breadcrumbs_items(self):
        return plan_breadcrumbs(self.plan)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        record = getattr(self.plan, "draw_record", None)
        user = self.request.user
        context.update(
            plan=self.plan, record=record,
            manifest=json.loads(record.manifest_json) if record else None,
            result_rows=_result_rows(self.plan, record) if record and record.result_json else [],
            inspections=selectors.plan_inspections(self.plan),
            events=history(self.plan.events.all()),
            public_value_entered_by=staff_name(record.public_value_entered_by)
            if record and record.public_value_entered_by_id else "",
            can_edit=self.plan.state == PlanState.DRAFT and user.has_perm("inspections.change_inspectionplan"),
            can_approve=self.plan.state == PlanState.DRAFT and user.has_perm("inspections.approve_inspectionplan"),
            can_draw=self.plan.state == PlanState.APPROVED and user.has_perm("inspections.run_draw"),
            can_enter_public_value=self.plan.state == PlanState.APPROVED and bool(self.plan.public_value_source)
            and record is not None and record.public_value_entered_at is None
            and inspection_rules.allowed("enter_public_value", user, self.plan),
            can_cancel=self.plan.state in ("draft", "approved", "failed")
            and user.has_perm("inspections.approve_inspectionplan"),
        )
        return context


class PlanActionView(AdminFormView):
    """approve / draw / cancel, each a small form posted from the plan page."""

    header_icon = "list-ul"
    ACTIONS = {
        "approve": (ConfirmForm, "inspections.approve_inspectionplan", _("Approve and publish the manifest"),
                    _("Approval freezes the target and inspector snapshots, commits to a secret seed and publishes "
                      "the manifest on the public site. The plan can no longer be changed.")),
        "public-value": (PublicValueForm, "inspections.run_draw", _("Enter the public value"),
                         _("Enter the announced public value exactly as published, once it is published. Your name "
                           "and the time are recorded; the value cannot be changed afterwards, and the scheduler "
                           "then runs the draw at its time.")),
        "draw": (RunDrawForm, "inspections.run_draw", _("Run the draw"),
                 _("The draw runs in the background; its progress shows on the plan page.")),
        "cancel": (CancelForm, "inspections.approve_inspectionplan", _("Cancel the plan"),
                   _("A cancelled approved plan stays on the public site with the reason.")),
    }

    def dispatch(self, request, *args, **kwargs):
        if kwargs["action"] not in self.ACTIONS:
            raise Http404
        self.plan = get_object_or_404(InspectionPlan, pk=kwargs["pk"])
        self.form_class, self.permission_required, self.page_title, self.intro = self.ACTIONS[kwargs["action"]]
        self.submit_button_label = self.page_title
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return plan_breadcrumbs(self.plan, last=self.page_title)

    def get_initial(self):
        return {"version": self.plan.version}

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.form_class is RunDrawForm:
            record = getattr(self.plan, "draw_record", None)
            kwargs["announced_source"] = json.loads(record.manifest_json)["public_value_source"] if record else ""
            kwargs["entered_value"] = record.public_value if record and record.public_value_entered_at else ""
        return kwargs

    def perform(self, form):
        data, user, action = form.cleaned_data, self.request.user, self.kwargs["action"]
        if action == "approve":
            record = plans.approve_plan(plan=self.plan, actor=user, expected_version=data["version"])
            self.success_message = _("Approved; manifest %(hash)s published.") % {"hash": record.manifest_sha256[:16]}
        elif action == "public-value":
            public_value.enter_public_value(plan=self.plan, actor=user, value=data["public_value"])
            self.success_message = _("The public value is recorded.")
        elif action == "draw":
            plans.start_draw(plan=self.plan, actor=user, public_value=data["public_value"])
            self.success_message = _("The draw has started.")
        else:
            plans.cancel_plan(plan=self.plan, actor=user, reason=data["reason"], expected_version=data["version"])
            self.success_message = _("The plan is cancelled.")

    def get_success_url(self):
        return reverse("inspections_plan:edit", args=[self.plan.pk])


def plan_export(request, pk):
    if not request.user.has_perm("inspections.view_inspectionplan"):
        raise PermissionDenied
    plan = get_object_or_404(InspectionPlan, pk=pk)
    response = HttpResponse(exports.plan_workbook(plan),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{plan.code}.xlsx"'
    return response
