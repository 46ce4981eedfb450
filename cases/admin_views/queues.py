"""Back-office work lists (queues) with Wagtail's listing UI: filters, search, sortable columns,
pagination and xlsx/csv export of the filtered list."""

from django.forms import Media
from django.http import Http404
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.widgets.button import Button

from cases import selectors
from cases.admin_forms.bulk import BulkReferralForm
from cases.admin_forms.filters import CaseFilterSet
from cases.admin_views.common import require_case_staff
from cases.admin_views.queue_cells import (
    DueColumn,
    FullTextOnHoverColumn,
    SelectCaseColumn,
    TextColumn,
    WorkdaysLeftColumn,
)
from cases.exports import EXPORT_COLUMNS, DeadlineClock, export_row, listed_filer, staff_name
from cases.models import Case
from cases.models.case import ASSIGN, HANDLE
from portal.paginator import CappedCountPaginator
from portal.spreadsheets import SafeSpreadsheetExportMixin

QUEUE_TITLES = {
    "incoming": _("New filings"),
    "returned": _("Returned by departments"),
    "mine": _("My cases"),
    "department": _("My department's cases"),
    "due_soon": _("Due soon"),
    "overdue": _("Overdue"),
    "under_review": _("Awaiting review"),
    "supervised": _("Under supervision"),
    "escalated": _("Escalated"),
    "extending": _("Extension requested"),
    "all": _("All cases"),
}
PAGE_SIZES = (20, 50, 100)


def queue_names_for(user) -> list[str]:
    """The queues worth showing to this user in the menu: the office works from "all" (with the
    "still open" filter) and its intake queues, departments from their own list; "mine" only for
    those who handle cases."""
    office = selectors.sees_all_cases(user)
    shown = {
        "incoming": office and user.has_perm(ASSIGN),
        "returned": office and user.has_perm(ASSIGN),
        "mine": user.has_perm(HANDLE),
        "department": not office,
        "escalated": office,
        "extending": not office,
        "all": office,
    }
    return [name for name in QUEUE_TITLES if shown.get(name, True)]


def _local_date(moment):
    return formats.date_format(timezone.localtime(moment), "Y-m-d") if moment else ""


def department_short_name(case) -> str:
    department = case.department
    return (department.short_name or department.name) if department else ""


BULK_REFERRAL_QUEUES = ("incoming", "returned")


class CaseQueueView(SafeSpreadsheetExportMixin, IndexView):
    model = Case
    any_permission_required = None
    header_icon = "clipboard-list"
    template_name = "cases/admin/queue.html"
    table_classname = "listing case-queue"
    search_fields = ["number"]  # enables the search box; the real search is search_queryset()
    filterset_class = CaseFilterSet
    default_ordering = None  # most urgent first (cases.selectors.by_urgency) until a column is clicked
    paginate_by = 50
    paginator_class = CappedCountPaginator  # no COUNT(*) over a million rows for one page
    export_filename = "cases"
    list_export = [key for key, _heading in EXPORT_COLUMNS]

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.queue_name = kwargs["queue"]
        if self.queue_name not in QUEUE_TITLES:
            raise Http404

    def dispatch(self, request, *args, **kwargs):
        require_case_staff(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return QUEUE_TITLES[self.queue_name]

    def get_index_url(self):
        return reverse("cases_queue", args=[self.queue_name])

    def get_index_results_url(self):
        return reverse("cases_queue_results", args=[self.queue_name])

    def get_paginate_by(self, queryset):
        if self.is_export:
            return None
        try:
            size = int(self.request.GET.get("per_page", self.paginate_by))
        except ValueError:
            size = self.paginate_by
        return size if size in PAGE_SIZES else self.paginate_by

    def get_base_queryset(self):
        return selectors.queue(self.request.user, self.queue_name).select_related("handler__staff_profile")

    def search_queryset(self, queryset):
        return selectors.search_cases(queryset, self.search_query) if self.is_searching else queryset

    @cached_property
    def clock(self):
        return DeadlineClock()

    @cached_property
    def bulk_referral(self) -> bool:
        """The office refers accepted filings in bulk from its intake queues."""
        return self.queue_name in BULK_REFERRAL_QUEUES and self.request.user.has_perm(ASSIGN)

    @cached_property
    def columns(self):
        columns = [
            TitleColumn("number", label=_("Case number"), sort_key="number",
                        get_url=lambda case: reverse("cases_case", args=[case.pk])),
            FullTextOnHoverColumn("title", label=_("Title"), classname="case-queue__title"),
            TextColumn("kind", label=_("Kind"), accessor="get_kind_display", sort_key="kind"),
            TextColumn("state", label=_("State"), accessor="get_state_display", sort_key="state"),
            FullTextOnHoverColumn("filer", label=_("Filer"), accessor=listed_filer, classname="case-queue__name"),
            FullTextOnHoverColumn("department", label=_("Department"), accessor=department_short_name,
                                  sort_key="department__code", classname="case-queue__name"),
            TextColumn("handler", label=_("Handler"), accessor=lambda case: staff_name(case.handler)),
            TextColumn("received_at", label=_("Received"), accessor=lambda case: _local_date(case.received_at),
                   sort_key="received_at"),
            DueColumn("current_due", label=_("Due"), sort_key="current_due", clock=self.clock,
                      accessor=lambda case: case.current_due.isoformat() if case.current_due else ""),
            WorkdaysLeftColumn("workdays_left", label=_("Working days left"), accessor=self.clock.workdays_left),
        ]
        if self.bulk_referral:
            columns.insert(0, SelectCaseColumn("select", label=_("Select")))
        return columns

    def order_queryset(self, queryset):
        queryset = super().order_queryset(queryset)
        if self.ordering:
            # A stable order across pages when many rows share the sorted value.
            queryset = queryset.order_by(*queryset.query.order_by, "-pk")
        return queryset

    # --- export -------------------------------------------------------------------------------
    def to_row_dict(self, item):
        return export_row(item, self.clock)

    def get_heading(self, queryset, field):
        return str(dict(EXPORT_COLUMNS)[field])

    def get_filename(self):
        return f"cases-{self.queue_name}-{timezone.localdate():%Y%m%d}"

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons.copy()
        if self.request.user.has_perm(selectors.REVEAL):
            query = self.request.GET.urlencode()
            url = reverse("cases_identity_export", args=[self.queue_name]) + (f"?{query}" if query else "")
            buttons.append(Button(_("Export with filers' identities (recorded)"), url=url, icon_name="download",
                                  priority=110))
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["queue_name"] = self.queue_name
        context["page_sizes"] = PAGE_SIZES
        context["media"] = context.get("media", Media()) + Media(css={"all": ["cases/admin-queue.css"]})
        if self.bulk_referral:
            context["bulk_referral_form"] = BulkReferralForm(user=self.request.user)
            context["bulk_referral_url"] = reverse("cases_bulk_refer") + f"?next={self.request.get_full_path()}"
        return context
