"""Back office for publicity: the disclosure list (all states, including expired and withdrawn),
each disclosure's page with its audit trail and actions, and the publishing forms."""

from django.template.defaultfilters import linebreaksbr
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from publicity.admin_views import (
    ComplaintDecisionsView,
    PublishComplaintDecisionView,
    PublishDisclosureView,
    RepairDisclosureView,
    WithdrawDisclosureView,
    reviewer_preview,
)
from publicity.models import Disclosure, SearchSynonym
from publicity.windows import CREDIT_KINDS


class DisclosurePermissionPolicy(ModelPermissionPolicy):
    """Disclosures change only through publicity.services (redaction, windows, audit), never by a
    generic edit form, not even for superusers."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(Disclosure, DisclosurePermissionPolicy(Disclosure))


def _action_buttons(user, disclosure):
    buttons = []
    if disclosure.state != Disclosure.State.PUBLISHED:
        return buttons
    if user.has_perm("publicity.withdraw_disclosure"):
        buttons.append(HeaderButton(_("Withdraw"), url=reverse("publicity_withdraw", args=[disclosure.pk]),
                                    icon_name="cross"))
    if disclosure.kind in CREDIT_KINDS and user.has_perm("publicity.repair_disclosure"):
        buttons.append(HeaderButton(_("Remove after credit repair"),
                                    url=reverse("publicity_repair", args=[disclosure.pk]), icon_name="tick"))
    return buttons


class DisclosureIndexView(generic.IndexView):
    @property
    def header_buttons(self):
        if self.request.user.has_perm("publicity.add_disclosure"):
            return [HeaderButton(_("Publish a disclosure"), url=reverse("publicity_publish"), icon_name="plus")]
        return []


class DisclosureInspectView(generic.InspectView):
    template_name = "publicity/admin/disclosure_inspect.html"

    @property
    def header_buttons(self):
        return _action_buttons(self.request.user, self.object)

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if value is None or value == "":
            return "—"  # not the word "None"
        if field_name == "body":
            return linebreaksbr(value)  # the text as the public sees it, line by line
        return value

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["events"] = self.object.events.select_related("actor")
        context["public_url"] = self.object.get_absolute_url() if self.object.is_public() else ""
        context["suspicious"] = reviewer_preview(self.object.title, self.object.body)["suspicious"]
        return context


class DisclosureViewSet(ModelViewSet):
    model = Disclosure
    icon = "doc-full-inverse"
    menu_label = _("Disclosures")
    index_view_class = DisclosureIndexView
    inspect_view_class = DisclosureInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["title", "kind", "entity_name", "department", "publish_from", "publish_until",
                    Column("state", label=_("State"), accessor="get_state_display")]
    list_filter = ["kind", "state", "department"]
    search_fields = ["title", "entity_name", "document_number"]
    form_fields = ["title"]  # never reachable: the permission policy refuses add, change and delete
    inspect_view_fields = ["kind", "severity", "title", "body", "document_number", "decided_on", "department",
                           "entity_name", "entity_code", "project", "publish_from", "publish_until", "state",
                           "removal_reason", "removed_at", "source_label", "source_url", "published_by", "created_at"]

    url_prefix = "publicity/disclosure"


class PublicityGroup(ModelViewSetGroup):
    menu_label = _("Publicity")
    menu_icon = "doc-full-inverse"
    menu_order = 300
    items = (DisclosureViewSet("publicity_disclosure"),)


@hooks.register("register_admin_viewset")
def register_publicity_viewsets():
    return PublicityGroup()


@hooks.register("register_admin_urls")
def register_publicity_urls():
    return [
        path("publicity/publish/", PublishDisclosureView.as_view(), name="publicity_publish"),
        path("publicity/<int:pk>/withdraw/", WithdrawDisclosureView.as_view(), name="publicity_withdraw"),
        path("publicity/<int:pk>/repair/", RepairDisclosureView.as_view(), name="publicity_repair"),
        path("publicity/complaint-decisions/", ComplaintDecisionsView.as_view(), name="publicity_complaint_decisions"),
        path("publicity/complaint-decisions/<int:pk>/publish/", PublishComplaintDecisionView.as_view(),
             name="publicity_publish_decision"),
    ]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        self.permission = permission
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_menu_item")
def register_complaint_decisions_menu_item():
    return PermissionMenuItem(_("Complaint decisions to publish"), reverse("publicity_complaint_decisions"),
                              name="publicity-complaint-decisions", icon_name="doc-full-inverse", order=310,
                              permission="publicity.add_disclosure")


class SearchSynonymViewSet(SnippetViewSet):
    """The office's synonym list for the disclosure search (Snippets → Search synonyms)."""

    model = SearchSynonym
    icon = "search"
    list_display = ["__str__", "note", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["words", "note"]
    form_fields = ["words", "note", "is_active"]


register_snippet(SearchSynonymViewSet)
