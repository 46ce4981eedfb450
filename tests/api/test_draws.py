"""GET /api/v1/draws/{number}/: enough to verify a draw without the web page."""

import hashlib
import json

import pytest

from inspections.draw import algorithm
from tests.inspections.conftest import city, drawn_plan, inspection_clock, make_plan, manager  # noqa: F401

pytestmark = pytest.mark.django_db


def test_a_drawn_plan_can_be_verified_from_the_api(api, drawn_plan):  # noqa: F811
    response = api.get(f"/api/v1/draws/{drawn_plan.code}/")
    assert response.status_code == 200
    draw = response.json()
    record = drawn_plan.draw_record
    assert draw["manifest"] == json.loads(record.manifest_json)
    assert hashlib.sha256(record.manifest_json.encode()).hexdigest() == draw["manifest_sha256"]
    assert draw["result"] == json.loads(record.result_json)
    # Re-run the draw from what the API gives (snapshots, sealed conflicts, revealed keys): the same
    # targets and inspectors come out.
    targets = api.get(draw["links"]["targets"])
    inspectors = api.get(draw["links"]["inspectors"])
    assert targets.status_code == 200 and targets.content == record.target_snapshot.encode()
    conflicts = api.get(draw["links"]["conflicts"])
    assert conflicts.status_code == 200 and conflicts.content == record.conflict_snapshot.encode()
    rerun = algorithm.run_draw(
        draw["manifest"], algorithm.parse_target_snapshot(targets.content),
        algorithm.parse_inspector_snapshot(inspectors.content), algorithm.parse_conflict_snapshot(conflicts.content),
        draw["reveal"]["secret"], draw["reveal"]["public_value"], draw["reveal"]["conflict_keys"],
    )
    assert [(s.target_id, s.inspectors) for s in rerun.selected] == [
        (s["target_id"], s["inspectors"]) for s in draw["result"]["selected"]]
    reveal = api.get(draw["links"]["reveal"])
    assert reveal.content == algorithm.canonical_json(draw["reveal"])


def test_unknown_or_unpublished_plans_are_not_found(api, make_plan):  # noqa: F811
    plan = make_plan()
    assert api.get(f"/api/v1/draws/{plan.code}/").status_code == 404
    missing = api.get("/api/v1/draws/NO-SUCH-PLAN/")
    assert missing.status_code == 404 and missing.json()["detail"] == "没有该编号的已公布抽取。"
