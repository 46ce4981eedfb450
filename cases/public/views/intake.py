"""Online intake: complaint (logged-in, real name), report (anonymous allowed), suggestion; receipt."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from accounts.selectors import phone_of
from cases import access_codes, selectors, services
from cases.models.choices import OBJECTION_REQUIRED, Channel, Kind
from cases.public import throttle
from cases.public.access import RECEIPT_KEY, remember_proof
from cases.public.forms import ComplaintForm, ReportForm, SuggestionForm
from cases.public.presenters import deadline_rows
from cases.public.views.common import add_service_errors
from portal.errors import DomainError


class StartView(TemplateView):
    template_name = "cases/public/start.html"


class IntakeView(View):
    kind: str
    form_class: type
    template_name: str

    def with_captcha(self) -> bool:
        return not self.request.user.is_authenticated

    def initial(self) -> dict:
        user = self.request.user
        if not user.is_authenticated:
            return {}
        return {"filer_name": user.first_name, "filer_email": user.email, "filer_phone": phone_of(user)}

    def render(self, form, status=200):
        return render(self.request, self.template_name, {
            "form": form, "kind": self.kind,
            "objection_required": sorted(str(value) for value in OBJECTION_REQUIRED),
            # A blank form without anyone's details renders the same for every visitor: its fields
            # come from the per-process fragment cache (the CAPTCHA and CSRF token stay per visitor).
            "blank_form": not form.is_bound and not any(form.initial.values()),
        }, status=status)

    def get(self, request):
        return self.render(self.form_class(initial=self.initial(), with_captcha=self.with_captcha()))

    def post(self, request):
        form = self.form_class(request.POST, request.FILES, with_captcha=self.with_captcha())
        if not form.is_valid():
            return self.render(form)
        if throttle.hit(request, "intake"):
            return throttle.too_many_requests(request)
        user = request.user if request.user.is_authenticated else None
        kwargs = form.service_kwargs()
        # An anonymous report stays anonymous: it is not linked to the account either.
        filer_user = None if kwargs.get("is_anonymous") else user
        try:
            submitted = services.submit_case(
                kind=self.kind, channel=Channel.ONLINE, actor=user, filer_user=filer_user,
                attachments=form.attachments, **kwargs,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.render(form)
        except DomainError as error:
            form.add_error(None, error.message)
            return self.render(form)
        remember_proof(request, submitted.case)
        request.session[RECEIPT_KEY] = {"number": submitted.case.number, "access_code": submitted.access_code}
        return redirect("cases:receipt")


class ComplaintView(LoginRequiredMixin, IntakeView):
    login_url = reverse_lazy("accounts:login")
    kind = Kind.COMPLAINT
    form_class = ComplaintForm
    template_name = "cases/public/complaint_form.html"


class ReportView(IntakeView):
    kind = Kind.REPORT
    form_class = ReportForm
    template_name = "cases/public/report_form.html"


class SuggestionView(IntakeView):
    kind = Kind.SUGGESTION
    form_class = SuggestionForm
    template_name = "cases/public/suggestion_form.html"


@method_decorator(never_cache, name="dispatch")
class ReceiptView(View):
    """The case number and access code, shown once, as a printable receipt (回执)."""

    def get(self, request):
        receipt = request.session.pop(RECEIPT_KEY, None)
        case = selectors.find_case_by_access_code(receipt["number"], receipt["access_code"]) if receipt else None
        if case is None:
            return redirect(reverse("cases:track"))
        response = render(request, "cases/public/receipt.html", {
            "case": case, "access_code": access_codes.display(receipt["access_code"]),
            "warnings": selectors.intake_warnings(case),
            "deadlines": deadline_rows(selectors.remaining_workdays(case)),
            "attachments": case.attachments.all(),
        })
        response["Referrer-Policy"] = "no-referrer"
        return response
