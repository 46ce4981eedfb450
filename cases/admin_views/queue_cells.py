"""Queue table cells written in Python. A queue page lists 50 cases in ten columns, and rendering a
cell template per cell (500 a page) was the largest part of the page's time (docs/PERFORMANCE.md).
The markup is that of Wagtail's cell template (wagtailadmin/tables/cell.html) and of the portal's
cell templates these replace."""

from django.utils.formats import localize
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from wagtail.admin.ui.tables import Column


class TextColumn(Column):
    """A plain cell: the value, or nothing."""

    def render_cell_html(self, instance, parent_context):
        return self.cell(self.content(instance))

    def content(self, instance):
        value = self.get_value(instance)
        return "" if value is None else value

    def cell(self, content):
        if self.classname:
            return format_html('<td class="{}">{}</td>', self.classname, content)
        return format_html("<td>{}</td>", content)


class FullTextOnHoverColumn(TextColumn):
    """One line per case: long text is cut by CSS, the full text is in the cell's title."""

    def content(self, instance):
        value = self.get_value(instance)
        return format_html('<span class="case-queue__cut" title="{}">{}</span>', value, value) if value else ""


class DueColumn(TextColumn):
    """The running due date, marked when it is provisional (no holiday schedule for its year)."""

    def __init__(self, *args, clock, **kwargs):
        self.clock = clock
        super().__init__(*args, **kwargs)

    def content(self, instance):
        value = self.get_value(instance)
        if not self.clock.is_provisional(instance):
            return value
        return format_html(
            '{} <small class="w-status w-status--label" title="{}">{}</small>', value,
            gettext("Provisional: counted Monday to Friday until the holiday schedule of that year is loaded"),
            gettext("provisional (Mon–Fri)"),
        )


class WorkdaysLeftColumn(TextColumn):
    def content(self, instance):
        left = self.get_value(instance)
        if left is None:
            return ""
        if left >= 0:
            return localize(left)
        label = ngettext("%(days)s working day overdue", "%(days)s working days overdue", -left)
        return format_html('<span class="w-status w-status--label portal-overdue">{}</span>',
                           label % {"days": localize(-left)})


class SelectCaseColumn(Column):
    """A checkbox per case for the bulk referral form above the list."""

    def render_cell_html(self, instance, parent_context):
        return format_html(
            '<td class="case-queue__select"><input type="checkbox" name="cases" value="{}" form="bulk-referral" '
            'aria-label="{}"></td>', instance.pk, gettext("Select %(number)s") % {"number": instance.number},
        )
