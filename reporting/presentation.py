"""Turns a statistics dict (live or frozen) into tables and charts for the dashboard, the xlsx
export and the quarterly report pages. Labels come from the metric registry, so a frozen
snapshot is shown in the reader's language."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

import pygal
from django.utils.dateparse import parse_datetime
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from pygal.style import Style

from reporting.figures import TOTAL, Period
from reporting.figures.registry import COUNT, DAYS, MONEY, RATIO, SECTIONS, load_metrics

# Figures compared across departments (the full list is in the section tables).
COMPARISON = (
    "received", "accepted", "decided", "on_time_rate", "median_days", "open_overdue", "supervision_notices",
    "substantiated_rate", "satisfaction_rate", "penalties", "inspections_done",
)
# Fonts that carry Chinese on Windows, macOS, Linux and phones; the browser picks the first it has.
CHART_FONTS = "'PingFang SC','Hiragino Sans GB','Microsoft YaHei','Noto Sans CJK SC','Source Han Sans SC'," \
              "'WenQuanYi Micro Hei',sans-serif"
CHART_STYLE = Style(
    font_family=CHART_FONTS, background="white", plot_background="white", foreground="#222",
    foreground_strong="#111", foreground_subtle="#666", colors=("#1f5fa8", "#c8102e", "#2e8b57", "#d98c00"),
    label_font_size=13, major_label_font_size=13, legend_font_size=13, title_font_size=16, value_font_size=12,
)


@dataclass
class Cell:
    text: str
    value: object = None  # number for spreadsheets; None when empty
    percent: bool = False


@dataclass
class Table:
    key: str
    title: str
    columns: list[str]
    rows: list[list[Cell]] = field(default_factory=list)


def display(unit: str, value) -> Cell:
    if value is None:
        return Cell("—")
    if unit == RATIO:
        numerator, denominator = value
        if not denominator:
            return Cell("—")
        rate = numerator / denominator
        return Cell(f"{rate:.1%} ({numerator}/{denominator})", rate, percent=True)
    if unit == DAYS:
        return Cell(f"{value:.1f}", float(value))
    if unit == MONEY:
        amount = Decimal(value)
        return Cell(f"{amount:,.2f}", amount)
    return Cell(str(value), value)


def _value(data: dict, code: str, key: str):
    values = data["metrics"].get(code, {})
    if key in values:
        return values[key]
    unit = load_metrics()[code].unit if code in load_metrics() else COUNT
    return {COUNT: 0, RATIO: [0, 0], MONEY: "0.00"}.get(unit)


def section_tables(data: dict, key: str = TOTAL) -> list[Table]:
    """Every metric of the registry that the data holds, by section, for one column (the total
    or one department)."""
    metrics = load_metrics()
    tables = []
    for section, title in SECTIONS.items():
        table = Table(f"section-{section}", str(title), [_("Figure"), _("Value")])
        for code, metric in metrics.items():
            if metric.section == section and code in data["metrics"]:
                table.rows.append([Cell(str(metric.label)), display(metric.unit, _value(data, code, key))])
        if table.rows:
            tables.append(table)
    return tables


def headline_cells(data: dict, key: str = TOTAL) -> list[tuple[str, Cell, str]]:
    metrics = load_metrics()
    return [
        (str(metric.label), display(metric.unit, _value(data, code, key)), str(metric.help_text))
        for code, metric in metrics.items()
        if metric.headline and code in data["metrics"]
    ]


def department_table(data: dict) -> Table:
    metrics = load_metrics()
    codes = [code for code in COMPARISON if code in data["metrics"]]
    table = Table("departments", _("Department comparison"), [_("Department")] + [str(metrics[c].label) for c in codes])
    for key, name in data["departments"]:
        table.rows.append([Cell(name)] + [display(metrics[c].unit, _value(data, c, key)) for c in codes])
    table.rows.append([Cell(_("Total"))] + [display(metrics[c].unit, _value(data, c, TOTAL)) for c in codes])
    return table


def trend_table(data: dict) -> Table:
    metrics = load_metrics()
    codes = [code for code in data.get("trends", {}) if code in metrics]
    table = Table("months", _("Month by month"), [_("Month")] + [str(metrics[c].label) for c in codes])
    for month in Period.from_dict(data["period"]).months():
        table.rows.append([Cell(month)] + [display(metrics[c].unit, _trend(data, c, month)) for c in codes])
    return table


def _trend(data: dict, code: str, month: str):
    values = data["trends"].get(code, {})
    if month in values:
        return values[month]
    return {COUNT: 0, RATIO: [0, 0]}.get(load_metrics()[code].unit)


def _render(chart) -> str:
    svg = chart.render(is_unicode=True)
    # pygal adds an inline configuration script for its optional tooltips; the portal loads no
    # chart JavaScript, so the SVG stays static (and prints the same).
    svg = re.sub(r"<script\b.*?</script>", "", svg, flags=re.S)
    # Presentation attribute instead of an inline style attribute, which the CSP forbids; the
    # <style> block gets the response's nonce in the template (portal_csp.csp_nonce).
    return mark_safe(svg.replace('style="opacity: 0"', 'opacity="0"'))  # noqa: S308 - our own SVG


def _chart_config(**extra) -> dict:
    return {"js": [], "disable_xml_declaration": True, "style": CHART_STYLE, "width": 760, "height": 360,
            "legend_at_bottom": True, "print_values": True, "print_zeroes": False, **extra}


def charts(data: dict) -> dict[str, str]:
    """SVG charts: cases by month, on-time rate by month, and a department comparison."""
    months = Period.from_dict(data["period"]).months()
    result = {}
    monthly = pygal.Bar(**_chart_config(title=_("Cases received and decided by month")))
    monthly.x_labels = months
    monthly.add(pgettext("statistics", "Received"), [_trend(data, "received", m) for m in months])
    monthly.add(pgettext("statistics", "Decided"), [_trend(data, "decided", m) for m in months])
    result["monthly"] = _render(monthly)

    on_time = pygal.Line(**_chart_config(
        title=_("Decided on time by month (%)"), range=(0, 100), value_formatter=lambda v: f"{v:.0f}%",
    ))
    on_time.x_labels = months
    on_time.add(_("On time"), [_rate(_trend(data, "on_time_rate", m)) for m in months])
    result["on_time"] = _render(on_time)

    departments = [(key, name) for key, name in data["departments"]]
    comparison = pygal.HorizontalBar(**_chart_config(
        title=_("Cases by department"), height=max(260, 60 + 52 * len(departments)),
    ))
    comparison.x_labels = [name for _key, name in departments]
    comparison.add(pgettext("statistics", "Received"), [_value(data, "received", key) for key, _name in departments])
    comparison.add(pgettext("statistics", "Decided"), [_value(data, "decided", key) for key, _name in departments])
    comparison.add(_("Open and overdue"), [_value(data, "open_overdue", key) for key, _name in departments])
    result["departments"] = _render(comparison)
    return result


def _rate(value) -> float | None:
    if not value or not value[1]:
        return None
    return round(100 * value[0] / value[1], 1)


def headline_sentence(data: dict) -> str:
    received = _value(data, "received", TOTAL)
    decided = _value(data, "decided", TOTAL)
    on_time = display(RATIO, _value(data, "on_time_rate", TOTAL))
    return _("%(received)s cases received, %(decided)s decided, %(on_time)s of decisions on time.") % {
        "received": received, "decided": decided, "on_time": on_time.text.split(" ")[0],
    }


def report_context(data: dict) -> dict:
    """Everything a quarterly report page shows."""
    return {
        "period": Period.from_dict(data["period"]),
        "headlines": headline_cells(data),
        "section_tables": section_tables(data),
        "department_table": department_table(data),
        "trend_table": trend_table(data),
        "charts": charts(data),
        "frozen_at": parse_datetime(data.get("computed_at") or ""),
    }
