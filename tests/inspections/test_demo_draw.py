"""The demo's published draw tells a believable story: approved (manifest published) before its
public value is known, drawn at its draw time, and verifiable."""

import io

import pytest
from django.core.management import call_command

from inspections import demo as inspections_demo
from inspections.models import InspectionPlan

pytestmark = pytest.mark.django_db


def test_the_demo_plan_is_published_before_its_public_value_and_drawn_after_it(capsys):
    from directory import demo as directory_demo
    from directory.roles import sync_roles

    sync_roles()
    directory_demo.seed(io.StringIO())
    inspections_demo.seed(io.StringIO())
    plan = InspectionPlan.objects.get(code=inspections_demo.PLAN_CODE)
    record = plan.draw_record
    assert plan.state == "drawn"
    assert plan.approved_at == record.frozen_at < plan.public_value_published_at < plan.draw_at <= record.drawn_at
    assert record.public_value_entered_at >= plan.public_value_published_at
    assert record.public_value_entered_by.username == "inspmgr"
    call_command("verify_draw", plan.code)
    assert "MATCH" in capsys.readouterr().out
