"""Back-office screens for inspections: the inspection page and its actions."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from inspections import selectors
from inspections.forms import CorrectResultForm, EvidenceForm, PublishForm, ResultForm, StartForm, VerifyForm
from inspections.models import InspectionEvidence
from inspections.services import corrections, publication
from inspections.services import inspections as service
from inspections.views.history import history, inspection_breadcrumbs
from portal.admin_views import AdminFormView
from portal.storage import attachment_response


def _inspection_for(user, pk):
    return get_object_or_404(selectors.inspections_for(user), pk=pk)


class InspectionDetailView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "inspections/admin/inspection_detail.html"
    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("inspections.view_inspection"):
            raise PermissionDenied
        self.inspection = _inspection_for(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.inspection.reference

    def get_page_subtitle(self):
        return self.inspection.target.name

    def get_breadcrumbs_items(self):
        return inspection_breadcrumbs(self.inspection)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        inspection, user = self.inspection, self.request.user
        works = user.has_perm("inspections.work_inspection")
        context.update(
            inspection=inspection,
            assignments=inspection.assignments.select_related("inspector__staff__department"),
            evidence=inspection.evidence.all(), events=history(inspection.events.all()),
            actions=[(name, label) for name, label, allowed in (
                ("start", _("Start the inspection"), works and inspection.state == "assigned"),
                ("result", _("Record the result"), works and inspection.state == "in_progress"),
                ("correct", _("Correct the result"), works and inspection.state in corrections.CORRECTABLE),
                ("verify", _("Verify rectification"), works and inspection.state == "result_recorded"
                 and inspection.outcome == "rectification"),
                ("publish", _("Publish the result"), user.has_perm("inspections.publish_inspection")
                 and inspection.state in ("result_recorded", "rectification_verified")),
                ("evidence", _("Upload evidence"), works and inspection.state != "published"),
            ) if allowed],
        )
        return context


def evidence_download(request, pk, evidence_pk):
    """Inspection evidence: only for those who may see the inspection, always as a download."""
    if not request.user.has_perm("inspections.view_inspection"):
        raise PermissionDenied
    inspection = _inspection_for(request.user, pk)
    evidence = get_object_or_404(InspectionEvidence, pk=evidence_pk, inspection=inspection)
    return attachment_response(evidence.file, filename=evidence.original_name, content_type=evidence.content_type)


class InspectionActionView(AdminFormView):
    header_icon = "tasks"
    ACTIONS = {
        "start": (StartForm, "inspections.work_inspection", _("Start the inspection")),
        "result": (ResultForm, "inspections.work_inspection", _("Record the result")),
        "correct": (CorrectResultForm, "inspections.work_inspection", _("Correct the result")),
        "verify": (VerifyForm, "inspections.work_inspection", _("Verify rectification")),
        "publish": (PublishForm, "inspections.publish_inspection", _("Publish the result")),
        "evidence": (EvidenceForm, "inspections.work_inspection", _("Upload evidence")),
    }

    INTROS = {
        "correct": _("Possible until the result is published. The previous result and your reason stay in the "
                     "history; the target's risk grade follows the corrected result."),
        "publish": _("The summary is published on the public site (information disclosure and the draw page)."),
    }

    def dispatch(self, request, *args, **kwargs):
        if kwargs["action"] not in self.ACTIONS:
            raise Http404
        self.form_class, self.permission_required, self.page_title = self.ACTIONS[kwargs["action"]]
        self.intro = self.INTROS.get(kwargs["action"], "")
        self.submit_button_label = self.page_title
        if not request.user.is_authenticated:
            raise PermissionDenied
        self.inspection = _inspection_for(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if issubclass(self.form_class, ResultForm):
            kwargs["case_available"] = service.case_service_available()
        return kwargs

    def get_initial(self):
        initial = {"version": self.inspection.version}
        if self.form_class is PublishForm:
            initial["summary"] = publication.default_summary(self.inspection)
        if self.form_class is CorrectResultForm:
            inspection = self.inspection
            initial.update(outcome=inspection.outcome, findings=inspection.findings, ended_on=inspection.ended_on,
                           rectification_deadline=inspection.rectification_deadline,
                           referred_to=inspection.referred_to_id)
        return initial

    def get_breadcrumbs_items(self):
        return inspection_breadcrumbs(self.inspection, last=self.page_title)

    def perform(self, form):
        data, user, action, inspection = form.cleaned_data, self.request.user, self.kwargs["action"], self.inspection
        version = data.get("version")
        if action == "start":
            service.start_inspection(inspection=inspection, actor=user, started_on=data["started_on"],
                                     expected_version=version)
        elif action == "result":
            service.record_result(inspection=inspection, actor=user, outcome=data["outcome"], findings=data["findings"],
                                  ended_on=data["ended_on"], rectification_deadline=data["rectification_deadline"],
                                  referred_to=data["referred_to"], expected_version=version)
        elif action == "correct":
            corrections.correct_result(
                inspection=inspection, actor=user, reason=data["reason"], outcome=data["outcome"],
                findings=data["findings"], ended_on=data["ended_on"],
                rectification_deadline=data["rectification_deadline"], referred_to=data["referred_to"],
                expected_version=version)
        elif action == "verify":
            service.verify_rectification(inspection=inspection, actor=user, verified_on=data["verified_on"],
                                         note=data["note"], expected_version=version)
        elif action == "publish":
            publication.publish_result(inspection=inspection, actor=user, summary=data["summary"],
                                       expected_version=version)
        else:
            service.add_evidence(inspection=inspection, actor=user, upload=data["file"],
                                 description=data["description"])
        self.success_message = _("Saved.")

    def get_success_url(self):
        return reverse("inspections_inspection:edit", args=[self.inspection.pk])
