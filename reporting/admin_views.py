"""The office dashboard in the back office: headline figures, monthly trends, department
comparison, the overdue list, a period picker, xlsx export of every table and a printable page."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from portal.admin_views import TitledAdminMixin
from reporting import presentation, selectors
from reporting.exports import XLSX_CONTENT_TYPE, workbook_bytes
from reporting.figures import TOTAL
from reporting.forms import LIVE, PUBLISHED, PeriodForm
from reporting.roles import VIEW_STATISTICS

DEADLINE_LABELS = {
    "acceptance": gettext_lazy("Acceptance decision"),
    "decision": gettext_lazy("Decision"),
    "reply": gettext_lazy("Feedback"),
}


class StatisticsMixin:
    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(VIEW_STATISTICS):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    rejected_form = None

    @cached_property
    def form(self) -> PeriodForm:
        submitted = PeriodForm(self.request.GET if "kind" in self.request.GET else PeriodForm.default_data())
        if submitted.is_valid():
            return submitted
        # Show what was wrong next to the default period's figures, never a blank page.
        self.rejected_form = submitted
        fallback = PeriodForm(PeriodForm.default_data())
        fallback.is_valid()
        return fallback

    @cached_property
    def period(self):
        return self.form.period()

    @cached_property
    def department(self):
        return self.form.cleaned_data.get("department")

    @cached_property
    def snapshot(self):
        return selectors.snapshot_for(self.period)

    @cached_property
    def showing_published(self) -> bool:
        return self.form.cleaned_data.get("source") == PUBLISHED and self.snapshot is not None

    @cached_property
    def data(self) -> dict:
        if self.showing_published:
            return self.snapshot.data
        return selectors.live_statistics(self.period, department_id=self.department.pk if self.department else None)

    @property
    def column(self) -> str:
        # Frozen figures hold every department; live ones are computed for the chosen one.
        if self.department and self.showing_published:
            return str(self.department.pk)
        return TOTAL

    def overdue_table(self) -> presentation.Table:
        table = presentation.Table("overdue", _("Open and overdue cases (now)"), [
            _("Case number"), _("Title"), _("Department"), _("Deadline"), _("Due"), _("Working days overdue"),
        ])
        cases = selectors.overdue_cases(self.request.user, department_id=self.department.pk if self.department else None)
        for case in cases[: selectors.OVERDUE_LIST_LIMIT]:
            table.rows.append([
                presentation.Cell(case.number), presentation.Cell(case.title),
                presentation.Cell(str(case.department) if case.department else _("Commission office")),
                presentation.Cell(str(DEADLINE_LABELS.get(case.current_deadline, case.current_deadline))),
                presentation.Cell(case.current_due.isoformat(), case.current_due),
                presentation.Cell(str(case.workdays_overdue or ""), case.workdays_overdue),
            ])
        return table

    def tables(self) -> list[presentation.Table]:
        tables = presentation.section_tables(self.data, self.column)
        if not self.department or self.showing_published:
            tables.append(presentation.department_table(self.data))
        tables.append(presentation.trend_table(self.data))
        tables.append(self.overdue_table())
        return tables

    def query_string(self, **changes) -> str:
        params = {key: value for key, value in self.form.data.items() if value not in (None, "")}
        params.update(changes)
        return urlencode(params)

    def heading(self) -> str:
        title = _("Statistics %(period)s") % {"period": self.period.label}
        if self.department:
            title += f" · {self.department.short_name or self.department.name}"
        return title


class DashboardView(StatisticsMixin, TitledAdminMixin, TemplateView):
    template_name = "reporting/admin/dashboard.html"
    page_title = gettext_lazy("Statistics")
    header_icon = "table"

    def get_page_subtitle(self):
        return self.period.label

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tables = self.tables()
        context.update(
            form=self.rejected_form or self.form, rejected=self.rejected_form is not None, period=self.period, department=self.department,
            snapshot=self.snapshot, showing_published=self.showing_published, heading=self.heading(),
            headlines=presentation.headline_cells(self.data, self.column),
            tables=tables, charts=presentation.charts(self.data), computed_at=parse_datetime(self.data.get("computed_at") or ""),
            live_query=self.query_string(source=LIVE), published_query=self.query_string(source=PUBLISHED),
            query=self.query_string(),
        )
        return context


class PrintView(StatisticsMixin, TemplateView):
    """A clean page (no back-office chrome) with charts and tables, laid out for A4."""

    template_name = "reporting/admin/print.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            heading=self.heading(), period=self.period, showing_published=self.showing_published,
            headlines=presentation.headline_cells(self.data, self.column), tables=self.tables(),
            charts=presentation.charts(self.data), computed_at=parse_datetime(self.data.get("computed_at") or ""),
            printed_at=timezone.localtime(),
        )
        return context


class ExportView(StatisticsMixin, TemplateView):
    """/export/<table>.xlsx: one table, or every table with `all`."""

    def get(self, request, *args, **kwargs):
        tables = self.tables()
        wanted = kwargs["table"]
        if wanted != "all":
            tables = [table for table in tables if table.key == wanted]
            if not tables:
                raise Http404
        name = f"statistics-{self.period.first:%Y%m%d}-{self.period.last:%Y%m%d}-{wanted}.xlsx"
        response = HttpResponse(workbook_bytes(tables, heading=self.heading()), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

