import json
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from inspections.models import DrawRecord
from inspections.services import plans, sealing

pytestmark = pytest.mark.django_db


def download_all(client, plan, folder):
    for name in ("manifest.json", "targets.csv", "inspectors.csv", "conflicts.csv", "reveal.json", "result.json"):
        response = client.get(reverse("inspections:download", args=[plan.code, name]))
        assert response.status_code == 200, name
        (folder / name).write_bytes(response.content)
    response = client.get(reverse("inspections:algorithm", args=[plan.code]))
    (folder / "draw_algorithm.py").write_bytes(response.content)


def test_public_page_shows_manifest_result_and_recipe(client, drawn_plan):
    response = client.get(reverse("inspections:plan", args=[drawn_plan.code]))
    assert response.status_code == 200
    page = response.content.decode()
    record = drawn_plan.draw_record
    assert record.manifest_sha256 in page and record.secret in page
    first = drawn_plan.inspections.order_by("draw_order").first()
    assert first.target.name in page
    assert first.assignments.first().inspector.staff.full_name in page
    assert "python3 draw_algorithm.py ." in page
    assert drawn_plan.code in client.get(reverse("inspections:index")).content.decode()


def test_secret_stays_hidden_until_the_draw(client, make_plan, manager):
    plan = make_plan()
    record = plans.approve_plan(plan=plan, actor=manager)
    page = client.get(reverse("inspections:plan", args=[plan.code])).content.decode()
    assert record.manifest_sha256 in page and sealing.unseal(record.sealed_secret) not in page
    assert client.get(reverse("inspections:download", args=[plan.code, "reveal.json"])).status_code == 404
    assert client.get(reverse("inspections:download", args=[plan.code, "targets.csv"])).status_code == 200
    assert client.get(reverse("inspections:progress", args=[plan.code])).json()["state"] == "approved"


def test_draft_plans_are_not_public(client, make_plan):
    plan = make_plan()
    assert client.get(reverse("inspections:plan", args=[plan.code])).status_code == 404


def test_downloaded_files_verify_with_the_standalone_script(client, drawn_plan, tmp_path):
    download_all(client, drawn_plan, tmp_path)
    completed = subprocess.run([sys.executable, "draw_algorithm.py", "."], cwd=tmp_path,  # noqa: S603
                               capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stdout
    assert "MATCH" in completed.stdout
    (tmp_path / "targets.csv").write_bytes((tmp_path / "targets.csv").read_bytes().replace(b",B,", b",A,", 1))
    completed = subprocess.run([sys.executable, "draw_algorithm.py", "."], cwd=tmp_path,  # noqa: S603
                               capture_output=True, text=True, check=False)
    assert completed.returncode == 1 and "MISMATCH" in completed.stdout


def test_verify_draw_command_matches(drawn_plan, capsys):
    call_command("verify_draw", str(drawn_plan.pk))
    assert "MATCH" in capsys.readouterr().out
    call_command("verify_draw", drawn_plan.code)


def test_verify_draw_detects_a_tampered_snapshot(drawn_plan):
    record = drawn_plan.draw_record
    tampered = record.target_snapshot.replace(",A,", ",D,", 1)
    assert tampered != record.target_snapshot
    DrawRecord.objects.filter(pk=record.pk).update(target_snapshot=tampered)
    with pytest.raises(CommandError, match="MISMATCH"):
        call_command("verify_draw", str(drawn_plan.pk))


def test_verify_draw_detects_a_tampered_seed(drawn_plan, capsys):
    record = drawn_plan.draw_record
    DrawRecord.objects.filter(pk=record.pk).update(secret="0" * 64)
    with pytest.raises(CommandError, match="MISMATCH"):
        call_command("verify_draw", str(drawn_plan.pk))
    assert "[FAIL] seed commitment" in capsys.readouterr().out


def test_verify_draw_detects_a_tampered_result(drawn_plan):
    record = drawn_plan.draw_record
    result = json.loads(record.result_json)
    result["selected"][0]["inspectors"].reverse()
    DrawRecord.objects.filter(pk=record.pk).update(result_json=json.dumps(result))
    with pytest.raises(CommandError, match="MISMATCH"):
        call_command("verify_draw", str(drawn_plan.pk))


def test_verify_draw_detects_a_swapped_manifest(drawn_plan):
    record = drawn_plan.draw_record
    manifest = json.loads(record.manifest_json)
    manifest["parameters"]["ratios_bp"]["D"] = 10_000
    DrawRecord.objects.filter(pk=record.pk).update(manifest_json=json.dumps(manifest))
    with pytest.raises(CommandError, match="MISMATCH"):
        call_command("verify_draw", str(drawn_plan.pk))


def test_verify_draw_from_downloaded_folder(client, drawn_plan, tmp_path, capsys):
    download_all(client, drawn_plan, tmp_path)
    call_command("verify_draw", "--dir", str(tmp_path))
    assert "MATCH" in capsys.readouterr().out


def test_published_results_appear_on_the_public_draw_page(client, drawn_plan, manager):
    import datetime as dt

    from inspections.services import inspections as workflow
    from inspections.services import publication

    inspection = drawn_plan.inspections.order_by("draw_order").first()
    actor = inspection.assignments.first().inspector.staff.user
    workflow.start_inspection(inspection=inspection, actor=actor, started_on=dt.date(2026, 12, 2))
    inspection = workflow.record_result(inspection=inspection.__class__.objects.get(pk=inspection.pk), actor=actor,
                                        outcome="rectification", findings="评标报告签字不全",
                                        ended_on=dt.date(2026, 12, 3), rectification_deadline=dt.date(2026, 12, 20))
    page = client.get(reverse("inspections:plan", args=[drawn_plan.code])).content.decode()
    assert "评标报告签字不全" not in page
    publication.publish_result(inspection=inspection, actor=manager)
    page = client.get(reverse("inspections:plan", args=[drawn_plan.code])).content.decode()
    assert "评标报告签字不全" in page and "2026-12-03" in page


@pytest.fixture
def drawn_plan_with_ties(make_plan, manager, city, django_capture_on_commit_callbacks):
    """A plan whose forced target has a declared tie with one inspector, and another tie with a
    target the draw does not select (ratios 0)."""
    import datetime as dt

    from inspections.models import InspectionPlan
    from tests.factories.inspections import InspectorTieFactory

    forced, hidden = city["targets"]["ZJ"][0], city["targets"]["ZJ"][1]
    forced.forced_complaint = True
    forced.save()
    inspectors = city["inspectors"]["ZJ"]
    InspectorTieFactory(inspector=inspectors[0], entity=forced.entity)
    InspectorTieFactory(inspector=inspectors[1], entity=hidden.entity)
    plan = make_plan(ratio_a=0, ratio_b=0, ratio_c=0, ratio_d=0)
    plans.approve_plan(plan=plan, actor=manager)
    with django_capture_on_commit_callbacks(execute=True):
        plans.start_draw(plan=plan, actor=manager, now=plan.draw_at + dt.timedelta(minutes=1))
    plan = InspectionPlan.objects.get(pk=plan.pk)
    assert plan.state == "drawn", plan.draw_message
    return plan, forced, hidden, inspectors


def test_draw_files_do_not_pair_named_inspectors_with_targets(client, drawn_plan_with_ties, tmp_path):
    plan, forced, hidden, inspectors = drawn_plan_with_ties
    download_all(client, plan, tmp_path)
    inspectors_csv = (tmp_path / "inspectors.csv").read_text("utf-8")
    assert inspectors_csv.splitlines()[0] == "inspector_id,department,name"
    assert forced.target_id not in inspectors_csv and hidden.target_id not in inspectors_csv
    conflicts_csv = (tmp_path / "conflicts.csv").read_text("utf-8")
    assert conflicts_csv.splitlines()[0] == "token" and len(conflicts_csv.splitlines()) == 3
    for name in ("conflicts.csv", "targets.csv", "manifest.json"):
        text = (tmp_path / name).read_text("utf-8")
        assert not any(i.certificate_no in text for i in inspectors), name
    reveal = json.loads((tmp_path / "reveal.json").read_text("utf-8"))
    # Only the drawn target's key is revealed; the other tie stays sealed.
    assert set(reveal["conflict_keys"]) == {forced.target_id}
    assert plan.draw_record.conflict_key not in "".join(p.read_text("utf-8") for p in tmp_path.iterdir())
    result = json.loads((tmp_path / "result.json").read_text("utf-8"))
    assert inspectors[0].certificate_no not in result["selected"][0]["inspectors"]
    completed = subprocess.run([sys.executable, "draw_algorithm.py", "."], cwd=tmp_path,  # noqa: S603
                               capture_output=True, text=True, check=False)
    assert completed.returncode == 0 and "MATCH" in completed.stdout, completed.stdout


def test_a_dropped_conflict_or_a_forged_key_is_detected(client, drawn_plan_with_ties, tmp_path):
    plan, forced, _hidden, _inspectors = drawn_plan_with_ties
    download_all(client, plan, tmp_path)
    original = (tmp_path / "conflicts.csv").read_bytes()
    (tmp_path / "conflicts.csv").write_bytes(b"\n".join(original.split(b"\n")[:2]) + b"\n")
    completed = subprocess.run([sys.executable, "draw_algorithm.py", "."], cwd=tmp_path,  # noqa: S603
                               capture_output=True, text=True, check=False)
    assert completed.returncode == 1 and "[FAIL] conflict snapshot hash" in completed.stdout
    (tmp_path / "conflicts.csv").write_bytes(original)
    reveal = json.loads((tmp_path / "reveal.json").read_text("utf-8"))
    reveal["conflict_keys"][forced.target_id] = "0" * 64
    (tmp_path / "reveal.json").write_text(json.dumps(reveal), "utf-8")
    completed = subprocess.run([sys.executable, "draw_algorithm.py", "."], cwd=tmp_path,  # noqa: S603
                               capture_output=True, text=True, check=False)
    assert completed.returncode == 1 and "conflict key does not match" in completed.stdout


def test_draw_files_are_language_neutral(client, drawn_plan, settings):
    for language in ("zh-hans", "en"):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        for name in ("manifest.json", "inspectors.csv", "conflicts.csv", "reveal.json", "result.csv"):
            response = client.get(reverse("inspections:download", args=[drawn_plan.code, name]))
            assert response.status_code == 200
            assert "Content-Language" not in response.headers and "Cookie" not in response.get("Vary", ""), name
