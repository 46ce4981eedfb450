"""Staff entry of paper, phone and referral filings, and the one-time receipt for the filer."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cases import access_codes, selectors, services
from cases.admin_forms.intake import StaffIntakeForm
from cases.admin_views.common import require_case_staff
from cases.models import Attachment
from portal.admin_views import AdminFormView

RECEIPT_SESSION_KEY = "cases_receipt_codes"


class StaffIntakeView(AdminFormView):
    permission_required = selectors.ENTER
    form_class = StaffIntakeForm
    template_name = "cases/admin/intake_form.html"
    page_title = _("Enter a case")
    header_icon = "form"
    submit_button_label = _("Register the case")
    intro = _(
        "Enter a complaint, report or suggestion received on paper, by phone or referred by another body. "
        "After registering you get the case number and the access code to give to the filer on a printed receipt."
    )

    def perform(self, form):
        # One transaction: a refused scan leaves no half-registered case behind.
        with transaction.atomic():
            submitted = services.submit_case(
                actor=self.request.user, **form.service_arguments(),
            )
            self.case = submitted.case
            if form.cleaned_data["attachments"]:
                services.add_attachments(case=self.case, files=form.cleaned_data["attachments"],
                                         purpose=Attachment.Purpose.SCAN, uploaded_by=self.request.user)
        # The access code exists in clear only now: keep it in the session until the receipt shows it once.
        codes = self.request.session.get(RECEIPT_SESSION_KEY, {})
        codes[str(self.case.pk)] = submitted.access_code
        self.request.session[RECEIPT_SESSION_KEY] = codes
        self.success_message = _("Case %(number)s is registered.") % {"number": self.case.number}

    def get_success_url(self):
        return reverse("cases_receipt", args=[self.case.pk])


class ReceiptView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "cases/admin/receipt.html"
    page_title = _("Receipt")
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        require_case_staff(request.user)
        if not request.user.has_perm(selectors.ENTER):
            raise PermissionDenied
        self.case = selectors.get_visible_case(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        codes = request.session.get(RECEIPT_SESSION_KEY, {})
        self.access_code = codes.pop(str(self.case.pk), None)
        request.session[RECEIPT_SESSION_KEY] = codes
        if self.access_code is None:
            messages.info(request, _(
                "The access code of %(number)s was shown once on its receipt and cannot be shown again."
            ) % {"number": self.case.number})
            return redirect("cases_case", self.case.pk)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(case=self.case, access_code=access_codes.display(self.access_code),
                       tracking_url=_tracking_url(self.request))
        return context


def _tracking_url(request) -> str:
    from django.urls import NoReverseMatch

    try:
        return request.build_absolute_uri(reverse("cases:track"))
    except NoReverseMatch:
        return request.build_absolute_uri("/cases/")
