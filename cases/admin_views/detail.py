"""The case page: facts, filer (as this user may see it), attachments, timeline, deadlines,
intake warnings, extension requests, supervision notices and the actions this user may take."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cases import rules as case_rules
from cases import selectors
from cases.admin_views.actions import ACTIONS
from cases.admin_views.common import actor_label, event_label, require_case_staff
from cases.admin_views.files import may_reveal, shows_hidden_identity
from cases.exports import staff_name
from cases.hooks import case_page_links
from cases.models import ExtensionRequest, Measure, State


class CaseDetailView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "cases/admin/case_detail.html"
    header_icon = "clipboard-list"

    def dispatch(self, request, *args, **kwargs):
        require_case_staff(request.user)
        self.case = selectors.get_visible_case(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.case.number

    def get_page_subtitle(self):
        return self.case.title

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": reverse("cases_queue", args=["all" if selectors.sees_all_cases(self.request.user) else "department"]),
             "label": _("Cases")},
            {"url": "", "label": self.case.number, "sublabel": self.case.title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, case = self.request.user, self.case
        available = selectors.available_actions(user, case)
        identity = selectors.filer_identity(user, case)
        state_labels = dict(State.choices)
        events = [
            {"event": event, "label": event_label(event.action), "actor": staff_name(event.actor) or actor_label(event.actor_label),
             "state": state_labels.get(event.to_state, "") if event.to_state != event.from_state else ""}
            for event in selectors.case_events(user, case).select_related("actor__staff_profile")
        ]
        deadline_labels = {"supplement": _("Supplement"), "acceptance": _("Acceptance decision"),
                           "decision": _("Decision"), "reply": _("Feedback"), "rating": _("Satisfaction rating")}
        deadlines = [
            {"label": deadline_labels.get(name, name), **info}
            for name, info in selectors.remaining_workdays(case).items()
        ]
        attachments = [
            {"attachment": a, "shows_identity": shows_hidden_identity(a, identity_visible=identity is not None),
             "url": reverse("cases_attachment", args=[case.pk, a.pk])}
            for a in case.attachments.select_related("uploaded_by")
        ]
        context.update(
            page_links=case_page_links(user, case),
            case=case,
            identity=identity,
            identity_hidden=identity is None,
            may_reveal=may_reveal(user),
            warnings=selectors.intake_warnings(case),
            deadlines=deadlines,
            events=events,
            attachments=attachments,
            extensions=case.extension_requests.select_related("requested_by", "decided_by"),
            pending_extensions=case.extension_requests.filter(status=ExtensionRequest.Status.PENDING),
            can_decide_extensions="decide_extension" in available,
            notices=case.supervision_notices.select_related("issued_by"),
            paused=case.paused_intervals.all(),
            actions=sorted(
                ({"name": name, "label": ACTIONS[name].label, "icon": ACTIONS[name].icon,
                  "primary": ACTIONS[name].primary, "url": reverse("cases_action", args=[case.pk, name])}
                 for name in available if name in ACTIONS),
                key=lambda action: not action["primary"],  # the usual next step first
            ),
            measures=[dict(Measure.choices).get(code, code) for code in case.measures or []],
            **self.document_context(user, case),
        )
        return context

    @staticmethod
    def document_context(user, case):
        document = selectors.current_document(case)
        if document is None or not case_rules.allowed("view_decision_document", user, case):
            return {"document": None}
        return {
            "document": document,
            "document_url": reverse("cases_decision", args=[case.pk]),
            "document_pdf_url": reverse("cases_decision_pdf", args=[case.pk]),
            "document_services": document.services.select_related("recorded_by"),
        }
