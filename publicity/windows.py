"""Publication windows per disclosure kind (DESIGN §8).

Credit information (penalties, bad-behaviour records) is published for at least the minimum and at
most the maximum period of its severity; after credit repair (信用修复) it may be removed early, but
not before the minimum period has passed. Other kinds have a default period and no bounds.
"""

import datetime as dt
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from publicity.models import Disclosure

Kind, Severity = Disclosure.Kind, Disclosure.Severity


@dataclass(frozen=True)
class WindowRule:
    default_months: int | None  # None: published until withdrawn
    min_months: int | None = None
    max_months: int | None = None


CREDIT_RULES = {
    Severity.ORDINARY: WindowRule(default_months=12, min_months=3, max_months=12),
    Severity.SERIOUS: WindowRule(default_months=36, min_months=12, max_months=36),
}
RULES = {
    Kind.COMPLAINT_DECISION: WindowRule(default_months=36),
    Kind.INSPECTION_RESULT: WindowRule(default_months=36),
    Kind.RED_LIST: WindowRule(default_months=12, max_months=36),
}
CREDIT_KINDS = (Kind.PENALTY, Kind.BAD_BEHAVIOUR)


def rule_for(kind: str, severity: str) -> WindowRule:
    if kind in CREDIT_KINDS:
        return CREDIT_RULES[severity or Severity.ORDINARY]
    return RULES[kind]


def add_months(day: dt.date, months: int) -> dt.date:
    return day + relativedelta(months=months)


def default_until(kind: str, severity: str, start: dt.date) -> dt.date | None:
    rule = rule_for(kind, severity)
    return add_months(start, rule.default_months) if rule.default_months else None


def earliest_repair_removal(disclosure: Disclosure) -> dt.date:
    """The first day a repaired credit record may leave the public lists."""
    rule = rule_for(disclosure.kind, disclosure.severity)
    return add_months(disclosure.publish_from, rule.min_months or 0)
