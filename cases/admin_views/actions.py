"""One back-office form view per workflow action. Each form posts the case version it was
rendered with; a stale form is refused with the "someone else changed this case" message and
shown again with everything the user typed."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages

from cases import selectors, services
from cases.admin_forms import actions as forms
from cases.admin_views.common import require_case_staff
from portal.admin_views import AdminFormView, add_service_errors
from portal.errors import DomainError, StaleObject


@dataclass(frozen=True)
class Action:
    label: str
    form_class: type
    success: str
    icon: str = "arrow-right"
    primary: bool = False
    versioned: bool = True  # transition services check the version; notes and notices do not
    intro: str = ""


ACTIONS = {
    "accept": Action(_("Accept"), forms.NoteForm, _("The case is accepted."), "check", primary=True),
    "request_supplement": Action(
        _("Ask for a supplement"), forms.RequestSupplementForm, _("The filer is asked to supplement the case."),
        "mail", intro=_("The acceptance clock stops until the filer supplements; a filer is asked only once."),
    ),
    "reject": Action(_("Do not accept"), forms.RejectForm, _("The case is not accepted; the filer is told why."),
                     "cross"),
    "assign": Action(_("Refer to a department"), forms.AssignForm, _("The case is referred."), "group",
                     primary=True),
    "return_to_office": Action(_("Return to the office"), forms.ReturnToOfficeForm,
                               _("The case is returned to the office."), "undo"),
    "start_handling": Action(_("Start handling"), forms.ConfirmForm, _("Handling has started."), "resubmit",
                             primary=True),
    "suspend": Action(_("Suspend"), forms.SuspendForm, _("The case is suspended; the decision clock stops."),
                      "pick", intro=_("Only for testing, appraisal, expert review or another statutory reason.")),
    "resume": Action(_("Resume"), forms.NoteForm, _("Handling resumed; the decision due date moved."), "resubmit",
                     primary=True),
    "propose_decision": Action(_("Propose a decision"), forms.ProposeDecisionForm,
                               _("The decision is proposed for review."), "doc-full", primary=True),
    "approve_decision": Action(_("Approve the decision"), forms.NoteForm, _("The decision is approved."), "check",
                               primary=True),
    "send_back": Action(_("Send back"), forms.RequiredNoteForm, _("The proposal is sent back to the handler."),
                        "undo"),
    "reply_to_filer": Action(_("Give feedback to the filer"), forms.ReplyForm, _("The filer has been informed."),
                             "mail", primary=True),
    "record_decision_service": Action(
        _("Record service of the decision"), forms.RecordDecisionServiceForm, _("The service is recorded."), "mail",
        versioned=False, intro=_("Record when and how the decision document reached the complainant or the respondent."),
    ),
    "decide_withdrawal": Action(_("Decide on the withdrawal"), forms.DecideWithdrawalForm,
                                _("The withdrawal request is decided."), "help"),
    "transfer_out": Action(_("Transfer to another authority"), forms.TransferOutForm,
                           _("The case is transferred."), "redirect"),
    "request_extension": Action(_("Request an extension"), forms.RequestExtensionForm,
                                _("The extension request is sent to the office."), "time", versioned=False),
    "issue_supervision_notice": Action(_("Issue a supervision notice"), forms.RequiredNoteForm,
                                       _("The supervision notice is issued."), "warning", versioned=False),
    "reveal_identity": Action(
        _("Reveal the filer's identity"), forms.RevealIdentityForm, "", "view", versioned=False,
        intro=_("The filer asked for confidentiality. Reveal the identity only when the handling requires it."),
    ),
    "add_internal_note": Action(_("Add an internal note"), forms.InternalNoteForm, _("The note is added."),
                                "comment", versioned=False),
}


class CaseActionView(AdminFormView):
    template_name = "cases/admin/action_form.html"
    header_icon = "clipboard-list"

    def dispatch(self, request, *args, **kwargs):
        require_case_staff(request.user)
        self.action_name = kwargs["action"]
        if self.action_name not in ACTIONS:
            raise Http404
        self.spec = ACTIONS[self.action_name]
        self.case = selectors.get_visible_case(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def is_available(self):
        return self.action_name in selectors.available_actions(self.request.user, self.case)

    def get(self, request, *args, **kwargs):
        if not self.is_available:
            return self.refuse()
        return super().get(request, *args, **kwargs)

    def refuse(self):
        messages.error(self.request, _("“%(action)s” is not possible for you on this case now.")
                       % {"action": self.spec.label})
        return redirect("cases_case", self.case.pk)

    # --- page --------------------------------------------------------------------------------
    @property
    def form_class(self):
        return self.spec.form_class

    def get_page_title(self):
        return self.spec.label

    def get_page_subtitle(self):
        return f"{self.case.number} {self.case.title}"

    @property
    def submit_button_label(self):
        return self.spec.label

    @property
    def intro(self):
        return self.spec.intro

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": reverse("cases_case", args=[self.case.pk]), "label": self.case.number},
            {"url": "", "label": self.spec.label},
        ]

    def get_initial(self):
        return {"version": self.case.version}

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if "data" in kwargs:
            kwargs["data"] = kwargs["data"].copy()  # mutable, to refresh the version on a stale post
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(case=self.case, action_available=self.is_available,
                       case_url=reverse("cases_case", args=[self.case.pk]))
        if context.get("form") is not None:
            context["media"] = context["form"].media  # e.g. the referral form's handler filter
        return context

    def get_success_url(self):
        return reverse("cases_case", args=[self.case.pk])

    # --- submit ------------------------------------------------------------------------------
    def form_valid(self, form):
        if self.spec.versioned and form.cleaned_data["version"] != self.case.version:
            return self.stale(form)
        if not self.is_available:
            return self.refuse()
        arguments = dict(case_id=self.case.pk, actor=self.request.user, **form.service_arguments())
        if self.spec.versioned:
            arguments.update(expected_version=form.cleaned_data["version"])
        try:
            result = getattr(services, self.action_name)(**arguments)
        except StaleObject:
            return self.stale(form)
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        except DomainError as exc:
            form.add_error(None, str(exc.message))
            return self.form_invalid(form)
        if self.action_name == "reveal_identity":
            return self.show_identity(result)
        messages.success(self.request, self.spec.success)
        return redirect(self.get_success_url())

    def stale(self, form):
        """Show the form again with what the user typed, the current case and the new version,
        so they can check what changed and submit again if it still makes sense."""
        self.case = selectors.get_visible_case(self.request.user, self.case.pk)
        self.__dict__.pop("is_available", None)
        form.data["version"] = str(self.case.version)
        form.add_error(None, StaleObject.default_message)
        return self.form_invalid(form)

    def show_identity(self, identity):
        """Shown once, in the response to the recorded reveal; never stored or put in a URL."""
        from cases.models import FilerType

        return TemplateResponse(self.request, "cases/admin/identity.html", {
            **self.get_context_data(form=None),
            "identity": identity,
            "filer_type_label": dict(FilerType.choices).get(identity.get("filer_type"), ""),
        })
