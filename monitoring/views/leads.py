"""Back office: the leads queue, the lead page (evidence, charts, history) and the actions the lead
services provide (review, dismiss, convert to a case, raise the risk grade)."""

import json

import django_filters
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton

from directory.models import Bid, Department, MarketEntity
from monitoring import charts, selectors
from monitoring.forms import ConfirmLeadActionForm, DismissLeadForm, RaiseRiskForm
from monitoring.models import HANDLE_LEAD, Lead, LeadState, Screen
from monitoring.services import leads as lead_services
from portal.admin_views import AdminFormView

VIEW_LEADS = "monitoring.view_lead"
CHART_PROJECTS = 3

# Evidence keys written by the screens (monitoring/screens), as the lead page names them.
EVIDENCE_LABELS = {
    "bids": _("Bids"), "wins": _("Wins"), "expected": _("Expected wins (E = Σ 1/n)"), "z": _("z-score"),
    "close_loss_share": _("Share of losses close to the winning price"),
    "close_win_share": _("Share of wins with a close runner-up"),
    "top_winner": _("Winner it loses to most"), "top_winner_share": _("Share of losses to that winner"),
    "top_runner_up": _("Most frequent runner-up"), "top_runner_up_share": _("Share of wins with that runner-up"),
    "far_winner": _("Wins far below the next bid"), "ratio": _("Ratio"), "rule": _("Rule"),
    "valid_bids": _("Valid bids"), "cv": _("Coefficient of variation"), "low_cv": _("Threshold"),
    "relative_distance": _("Relative distance"), "difference": _("Gap between the two lowest bids"),
    "lower_fence": _("Lower fence"), "upper_fence": _("Upper fence"), "winning_bid": _("Winning bid"),
    "second_bid": _("Second bid"), "prices": _("Prices"), "days": _("Tender period (days)"),
    "min_days": _("Minimum period (days)"), "members": _("Members"), "tenders_together": _("Tenders together"),
    "group_win_share": _("Share won by the group"), "expected_share": _("Share expected by chance"),
    "winning_members": _("Members who won"), "wins_by_member": _("Wins by member"), "kinds": _("Shared facts"),
    "pairs": _("Related pairs"), "signals": _("Signals"), "weights": _("Weights"),
}
HIDDEN_EVIDENCE = {"edges"}
EVENT_LABELS = {
    "found": _("Found by a screen run"), "evidence_updated": _("Evidence updated by a screen run"),
    "start_review": _("Review started"), "dismiss": pgettext_lazy("lead", "Dismissed"), "convert": _("Converted to a case"),
    "raise_risk": _("Risk grade raised"),
}  # drawn as the network chart


class LeadFilterSet(WagtailFilterSet):
    screen = django_filters.ChoiceFilter(label=_("Screen"), choices=Screen.choices)
    department = django_filters.ModelChoiceFilter(
        label=_("Department"), queryset=Department.objects.filter(kind=Department.Kind.SUPERVISING))
    min_score = django_filters.NumberFilter(label=_("Score at least"), field_name="score", lookup_expr="gte")
    state = django_filters.MultipleChoiceFilter(label=_("State"), choices=LeadState.choices)

    class Meta:
        model = Lead
        fields = ["screen", "department", "min_score", "state"]


def require_lead_viewer(user):
    if not user.has_perm(VIEW_LEADS):
        raise PermissionDenied


class LeadQueueView(IndexView):
    model = Lead
    any_permission_required = None
    header_icon = "warning"
    page_title = _("Leads")
    filterset_class = LeadFilterSet
    search_fields = ["summary"]
    default_ordering = None
    paginate_by = 50

    def dispatch(self, request, *args, **kwargs):
        require_lead_viewer(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_index_url(self):
        return reverse("monitoring_leads")

    def get_index_results_url(self):
        return reverse("monitoring_leads_results")

    def get_base_queryset(self):
        return selectors.visible_leads(self.request.user).select_related("department")

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        term = self.search_query.strip()
        return queryset.filter(summary__icontains=term) | queryset.filter(entities__name__icontains=term) \
            | queryset.filter(entities__code=term.upper()) | queryset.filter(projects__code__icontains=term)

    @cached_property
    def header_buttons(self):
        # The exports (monitoring.exports: codes, score and evidence) of the leads as filtered here.
        query = self.request.GET.urlencode()
        return [*super().header_buttons, *(
            HeaderButton(label, url=reverse("monitoring_leads_export", args=[fmt]) + (f"?{query}" if query else ""),
                         icon_name="download", priority=10 + n)
            for n, (fmt, label) in enumerate((("csv", _("Export csv")), ("xlsx", _("Export xlsx")),
                                              ("json", _("Export JSON")))))]

    @cached_property
    def columns(self):
        return [
            TitleColumn("title", label=_("Lead"), accessor=str, get_url=lambda lead: reverse("monitoring_lead", args=[lead.pk])),
            Column("score", label=_("Score"), sort_key="score"),
            Column("state", label=_("State"), accessor="get_state_display", sort_key="state"),
            Column("department", label=_("Department"), accessor="department", sort_key="department__code"),
            Column("summary", label=_("Why it was flagged"), accessor=lambda lead: lead.summary[:120]),
            Column("created_at", label=_("Found at"), sort_key="created_at",
                   accessor=lambda lead: timezone.localtime(lead.created_at).strftime("%Y-%m-%d")),
        ]


def _evidence_rows(evidence: dict) -> list[tuple[str, str]]:
    rows = []
    for key, value in (evidence or {}).items():
        if key in HIDDEN_EVIDENCE:
            continue
        shown = json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else str(value)
        rows.append((str(EVIDENCE_LABELS.get(key, key)), shown))
    return rows


def lead_actions(user, lead: Lead) -> list[tuple[str, str]]:
    """(action slug, label) of what this user may do with the lead now."""
    if not lead.is_open or not user.has_perm(HANDLE_LEAD):
        return []
    actions = [("review", _("Start review"))] if lead.state == LeadState.NEW else []
    return actions + [("convert", _("Convert to a case")), ("raise-risk", _("Raise the risk grade")),
                      ("dismiss", _("Dismiss"))]


class LeadDetailView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "monitoring/admin/lead_detail.html"
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        require_lead_viewer(request.user)
        self.lead = selectors.get_visible_lead(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return str(self.lead)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": reverse("monitoring_leads"), "label": _("Leads")},
                {"url": "", "label": str(self.lead)}]

    def _charts(self, entities):
        lead = self.lead
        flagged = {e.pk for e in entities}
        strips = []
        for project in lead.projects.select_related("award")[:CHART_PROJECTS]:
            award = getattr(project, "award", None)
            bids = Bid.objects.filter(project=project).select_related("bidder")
            strip = charts.price_strip(bids, winner_id=award.winner_id if award else None, flagged_ids=flagged)
            if strip:
                strips.append({"project": project, "chart": strip})
        ring = None
        edges = lead.evidence.get("edges") if isinstance(lead.evidence, dict) else None
        if edges:
            codes = {code for edge in edges for code in edge[:2]}
            names = dict(MarketEntity.objects.filter(code__in=codes).values_list("code", "name"))
            ring = charts.network({c: names.get(c, c) for c in sorted(codes)},
                                  [(a, b, w) for a, b, w, *_rest in edges], highlight={e.code for e in entities})
        return strips, ring

    def get_context_data(self, **kwargs):
        lead = self.lead
        entities = list(lead.entities.order_by("name"))
        strips, ring = self._charts(entities)
        return super().get_context_data(
            lead=lead, entities=entities, projects=lead.projects.order_by("code")[:50],
            project_count=lead.projects.count(), evidence_rows=_evidence_rows(lead.evidence),
            strips=strips, ring=ring, events=[(event, EVENT_LABELS.get(event.action, event.action))
                    for event in lead.events.select_related("actor").order_by("-created_at", "-id")],
            actions=lead_actions(self.request.user, lead), risk_targets=lead.risk_targets.all(), **kwargs)


ACTIONS = {
    "review": (ConfirmLeadActionForm, _("Start reviewing this lead"), _("Start review"),
               _("The lead moves to “under review”, so colleagues see someone is on it.")),
    "dismiss": (DismissLeadForm, _("Dismiss this lead"), _("Dismiss"), ""),
    "convert": (ConfirmLeadActionForm, _("Convert this lead to a case"), _("Open a report case"),
                _("A report case (channel: monitoring) is opened with the lead's facts and enters the office's "
                  "intake queue; the lead records the case number.")),
    "raise-risk": (RaiseRiskForm, _("Raise the risk grade"), _("Raise the risk grade"),
                   _("The inspection risk grade of the lead's firms and tenders goes up one step, so the next "
                     "random draw samples them at the higher ratio.")),
}


class LeadActionView(AdminFormView):
    permission_required = HANDLE_LEAD
    header_icon = "warning"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if kwargs["action"] not in ACTIONS:
            raise Http404
        self.form_class, self.page_title, self.submit_button_label, self.intro = ACTIONS[kwargs["action"]]

    def dispatch(self, request, *args, **kwargs):
        require_lead_viewer(request.user)
        self.lead = selectors.get_visible_lead(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"version": self.lead.version}

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": reverse("monitoring_leads"), "label": _("Leads")},
                {"url": reverse("monitoring_lead", args=[self.lead.pk]), "label": str(self.lead)},
                {"url": "", "label": self.get_page_title()}]

    def perform(self, form):
        data, user, action = form.cleaned_data, self.request.user, self.kwargs["action"]
        version = data["version"]
        if action == "review":
            lead_services.start_review(lead=self.lead, actor=user, expected_version=version)
            self.success_message = _("The lead is under review.")
        elif action == "dismiss":
            lead_services.dismiss(lead=self.lead, actor=user, reason=data["reason"], expected_version=version)
            self.success_message = _("The lead was dismissed.")
        elif action == "convert":
            lead = lead_services.convert_to_case(lead=self.lead, actor=user, expected_version=version)
            self.success_message = _("Case %(number)s was opened from the lead.") % {"number": lead.case.number}
        else:
            lead_services.raise_risk(lead=self.lead, actor=user, reason=data.get("reason", ""),
                                     expected_version=version)
            self.success_message = _("The risk grade was raised.")

    def get_success_url(self):
        return reverse("monitoring_lead", args=[self.lead.pk])
