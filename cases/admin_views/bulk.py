"""The office's bulk referral, posted from its intake queues."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from wagtail.admin import messages

from cases import services
from cases.admin_forms.bulk import BulkReferralForm
from cases.admin_views.common import require_case_staff
from cases.models.case import ASSIGN


class BulkReferralView(View):
    http_method_names = ["post"]

    def dispatch(self, request, *args, **kwargs):
        require_case_staff(request.user)
        if not request.user.has_perm(ASSIGN):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def back(self):
        target = self.request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(target, {self.request.get_host()}, self.request.is_secure()):
            target = reverse("cases_queue", args=["incoming"])
        return redirect(target)

    def post(self, request, *args, **kwargs):
        form = BulkReferralForm(request.POST, user=request.user)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return self.back()
        department = form.cleaned_data["department"]
        results = services.refer_cases(
            case_ids=[case.pk for case in form.cleaned_data["cases"]],
            actor=request.user,
            department=department,
        )
        referred = [result.number for result in results if result.done]
        if referred:
            messages.success(
                request,
                _("Referred to %(department)s: %(numbers)s.")
                % {"department": department.name, "numbers": "、".join(referred)},
            )
        for result in results:
            if not result.done:
                messages.error(
                    request,
                    _("%(number)s was not referred: %(reason)s") % {"number": result.number, "reason": result.message},
                )
        return self.back()
