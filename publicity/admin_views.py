"""Back-office actions on disclosures: publish one by hand, withdraw, remove after credit repair,
and publish a decided complaint's decision in one step."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from portal.admin_views import AdminFormView, TitledAdminMixin
from publicity import selectors
from publicity.admin_forms import CreditRepairForm, PublishDecisionForm, PublishDisclosureForm, RemovalForm
from publicity.models import Disclosure
from publicity.redaction import highlighted
from publicity.services import preview_redaction, publish_disclosure, remove_after_credit_repair, withdraw_disclosure
from publicity.services.complaints import decision_preview, publish_complaint_decision

PUBLISH = "publicity.add_disclosure"


def inspect_url(disclosure) -> str:
    return reverse("publicity_disclosure:inspect", args=[disclosure.pk])


def reviewer_preview(title: str, body: str) -> dict:
    """The redacted text cut into pieces, what may still identify someone highlighted."""
    title_parts, body_parts = highlighted(title), highlighted(body)
    suspicious = [(part, suspicion) for part, suspicion in (*title_parts, *body_parts) if suspicion is not None]
    return {"preview_title": title, "preview_body": body, "preview_title_parts": title_parts,
            "preview_body_parts": body_parts, "suspicious": suspicious, "suspicious_count": len(suspicious)}


class PublishDisclosureView(AdminFormView):
    """Publishing by hand: the first submission shows the redacted text with what may still
    identify someone highlighted; publishing needs a second submission of exactly that text."""

    permission_required = PUBLISH
    form_class = PublishDisclosureForm
    template_name = "publicity/admin/publish_disclosure.html"
    page_title = _("Publish a disclosure")
    header_icon = "doc-full-inverse"
    submit_button_label = _("Preview the redacted text")
    intro = _("The text is redacted before it is saved: only the redacted text is ever stored or shown. "
              "Names of organisations and credit codes stay public.")

    def form_valid(self, form):
        digest = form.redaction_digest()
        if form.cleaned_data.get("previewed") != digest:
            return self.render_preview(digest)
        return super().form_valid(form)

    def render_preview(self, digest: str):
        data = self.request.POST.copy()
        data["previewed"] = digest
        form = self.get_form_class()(data)
        form.is_valid()
        cleaned = form.cleaned_data
        title, body = (preview_redaction(text=cleaned[field], entity=cleaned["entity"],
                                         personal_values=form.listed_personal_values())
                       for field in ("title", "body"))
        self.submit_button_label = _("Publish the redacted text")
        return self.render_to_response(self.get_context_data(form=form, **reviewer_preview(title, body)))

    def perform(self, form):
        data = form.cleaned_data
        self.disclosure = publish_disclosure(
            kind=data["kind"], severity=data["severity"], title=data["title"], body=data["body"],
            personal_values=form.listed_personal_values(), entity=data["entity"], department=data["department"],
            project=data["project"], document_number=data["document_number"], decided_on=data["decided_on"],
            publish_from=data["publish_from"], publish_until=data["publish_until"], actor=self.request.user,
        )
        self.success_message = _("Published: %(title)s") % {"title": self.disclosure.title}

    def get_success_url(self):
        return inspect_url(self.disclosure)


class _RemovalView(AdminFormView):
    form_class = RemovalForm

    def dispatch(self, request, *args, **kwargs):
        self.disclosure = get_object_or_404(Disclosure, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"version": self.disclosure.version}

    def get_page_subtitle(self):
        return self.disclosure.title

    def get_success_url(self):
        return inspect_url(self.disclosure)


class WithdrawDisclosureView(_RemovalView):
    permission_required = "publicity.withdraw_disclosure"
    page_title = _("Withdraw disclosure")
    header_icon = "cross"
    submit_button_label = _("Withdraw from the public site")
    intro = _("For example when the decision was revoked on administrative review. The record stays in the back "
              "office with the reason.")

    def perform(self, form):
        withdraw_disclosure(disclosure_id=self.disclosure.pk, actor=self.request.user,
                            reason=form.cleaned_data["reason"], expected_version=form.cleaned_data["version"])
        self.success_message = _("The disclosure was withdrawn.")


class RepairDisclosureView(_RemovalView):
    permission_required = "publicity.repair_disclosure"
    form_class = CreditRepairForm
    page_title = _("Remove after credit repair")
    header_icon = "tick"
    submit_button_label = _("Remove from the public site")
    intro = _("A penalty or bad-behaviour record may leave the public lists early once the entity has repaired its "
              "credit, but not before its minimum publication period (3 months ordinary, 1 year serious).")

    def perform(self, form):
        data = form.cleaned_data
        remove_after_credit_repair(disclosure_id=self.disclosure.pk, actor=self.request.user, reason=data["reason"],
                                   repaired_on=data["repaired_on"], expected_version=data["version"])
        self.success_message = _("The record was removed after credit repair.")


class ComplaintDecisionsView(TitledAdminMixin, TemplateView):
    """Decided complaints whose decision is not public yet."""

    template_name = "publicity/admin/complaint_decisions.html"
    page_title = _("Complaint decisions to publish")
    header_icon = "doc-full-inverse"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PUBLISH):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cases"] = selectors.complaint_decisions_to_publish(self.request.user)[:200]
        return context


class PublishComplaintDecisionView(AdminFormView):
    """One action: preview the redacted decision of a decided complaint and publish it."""

    permission_required = PUBLISH
    form_class = PublishDecisionForm
    template_name = "publicity/admin/publish_decision.html"
    page_title = _("Publish complaint decision")
    header_icon = "doc-full-inverse"
    submit_button_label = _("Publish decision")

    def dispatch(self, request, *args, **kwargs):
        from cases.selectors import get_visible_case

        if not request.user.has_perm(PUBLISH):
            raise PermissionDenied
        self.case = get_visible_case(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.case.number

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        from portal.errors import DomainError

        try:
            title, body = decision_preview(self.case)
        except DomainError as exc:
            context["not_publishable"] = exc.message
        else:
            context.update(reviewer_preview(title, body))
        context["case"] = self.case
        return context

    def perform(self, form):
        self.disclosure = publish_complaint_decision(
            case=self.case, actor=self.request.user, publish_from=form.cleaned_data["publish_from"],
            document_number=form.cleaned_data["document_number"])
        self.success_message = _("The decision of %(number)s is published.") % {"number": self.case.number}

    def get_success_url(self):
        return inspect_url(self.disclosure)
