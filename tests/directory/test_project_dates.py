"""A trading project's dates are compared as the portal's local days."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from directory.models import TradingProject
from tests.factories.directory import TradingProjectFactory

pytestmark = pytest.mark.django_db


def test_an_early_morning_deadline_on_the_announcement_day_is_valid():
    # 07:00 in Shanghai is 23:00 the day before in UTC, the time zone the database returns.
    project = TradingProjectFactory(
        announced_on=dt.date(2026, 3, 23), bid_deadline=timezone.make_aware(dt.datetime(2026, 3, 23, 7, 0))
    )
    TradingProject.objects.get(pk=project.pk).clean()


def test_a_deadline_the_day_before_the_announcement_is_refused():
    project = TradingProjectFactory(
        announced_on=dt.date(2026, 3, 23), bid_deadline=timezone.make_aware(dt.datetime(2026, 3, 22, 23, 0))
    )
    with pytest.raises(ValidationError) as refused:
        TradingProject.objects.get(pk=project.pk).clean()
    assert "bid_deadline" in refused.value.message_dict
