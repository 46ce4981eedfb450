"""Filters for the back-office case queues (django-filter, rendered by Wagtail's listing UI)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from cases import deadlines
from cases.models import Case, Channel, Kind, State
from cases.models.choices import OPEN_STATES
from cases.selectors import due_soon_q, overdue_q
from directory.selectors import supervising_department_choices


class CaseFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Kind.choices)
    state = django_filters.MultipleChoiceFilter(label=_("State"), choices=State.choices)
    # Choices from the shared cache (no query per page); the filter compares the key.
    department = django_filters.ChoiceFilter(
        label=_("Department"), field_name="department_id", choices=supervising_department_choices,
    )
    channel = django_filters.ChoiceFilter(label=_("Channel"), choices=Channel.choices)
    overdue = django_filters.BooleanFilter(label=_("Overdue"), method="filter_overdue")
    due_soon = django_filters.BooleanFilter(label=_("Due within 2 working days"), method="filter_due_soon")
    open = django_filters.BooleanFilter(label=_("Still open"), method="filter_open")
    received = django_filters.DateFromToRangeFilter(
        label=_("Received"), field_name="received_at", widget=DateRangePickerWidget,
    )
    decision_due = django_filters.DateFromToRangeFilter(
        label=_("Decision due"), field_name="decision_due", widget=DateRangePickerWidget,
    )

    class Meta:
        model = Case
        fields = ["kind", "state", "department", "channel", "overdue", "due_soon", "open", "received", "decision_due"]

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        condition = overdue_q(deadlines.today())
        return queryset.filter(condition) if value else queryset.exclude(condition)

    def filter_due_soon(self, queryset, name, value):
        if value is None:
            return queryset
        condition = due_soon_q(deadlines.today())
        return queryset.filter(condition) if value else queryset.exclude(condition)

    def filter_open(self, queryset, name, value):
        if value is None:
            return queryset
        condition = Q(state__in=OPEN_STATES)
        return queryset.filter(condition) if value else queryset.exclude(condition)
