"""Extension requests awaiting the office, and the office's decision on one."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cases import rules as case_rules
from cases import selectors, services
from cases.admin_forms.actions import DecideExtensionForm
from cases.admin_views.common import require_case_staff
from cases.models import ExtensionRequest
from portal.admin_views import AdminFormView


def _require_supervisor(user):
    require_case_staff(user)
    if not case_rules.supervises_cases.test(user):
        raise PermissionDenied


class PendingExtensionsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "cases/admin/extensions.html"
    page_title = _("Extension requests")
    header_icon = "time"

    def dispatch(self, request, *args, **kwargs):
        _require_supervisor(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["extensions"] = (
            ExtensionRequest.objects.filter(status=ExtensionRequest.Status.PENDING,
                                            case__in=selectors.visible_cases(self.request.user))
            .select_related("case", "case__department", "requested_by__staff_profile")
            .order_by("requested_at")
        )
        return context


class DecideExtensionView(AdminFormView):
    form_class = DecideExtensionForm
    template_name = "cases/admin/action_form.html"
    page_title = _("Decide on an extension request")
    header_icon = "time"
    submit_button_label = _("Record the decision")

    def dispatch(self, request, *args, **kwargs):
        _require_supervisor(request.user)
        self.extension = get_object_or_404(
            ExtensionRequest.objects.select_related("case"), pk=kwargs["pk"],
            case__in=selectors.visible_cases(request.user),
        )
        self.case = self.extension.case
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def intro(self):
        ext = self.extension
        return _("%(person)s asks for %(days)s more working days on the %(deadline)s deadline: %(reason)s") % {
            "person": ext.requested_by, "days": ext.workdays, "deadline": ext.get_deadline_display(),
            "reason": ext.reason,
        }

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "extension": self.extension}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(case=self.case, action_available=self.extension.status == ExtensionRequest.Status.PENDING,
                       case_url=reverse("cases_case", args=[self.case.pk]))
        return context

    def perform(self, form):
        services.decide_extension(extension_id=self.extension.pk, actor=self.request.user,
                                  approve=form.cleaned_data["approve"], note=form.cleaned_data["note"])
        self.success_message = _("The extension request is decided.")

    def get_success_url(self):
        return reverse("cases_case", args=[self.case.pk])
