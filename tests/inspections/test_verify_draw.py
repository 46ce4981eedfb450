"""`manage.py verify_draw` works as the README and docs/draw-algorithm.md say: in production
settings (no DEBUG), from the stored material or downloaded files, for a failed draw too."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from inspections.models import InspectionPlan
from inspections.services import plans
from tests.conftest import requires_postgres
from tests.factories.inspections import InspectorTieFactory
from tests.inspections.test_public import download_all

ROOT = Path(settings.BASE_DIR)


def production_env(tmp_path, **extra):
    """The environment of a production server: production settings, DEBUG off, real keys."""
    env = {key: value for key, value in os.environ.items()
           if key not in {"DEBUG", "DEMO_MODE", "DJANGO_SETTINGS_MODULE", "DATABASE_URL"}}
    env.update(DJANGO_SETTINGS_MODULE="portal.settings", DEBUG="0", ALLOWED_HOSTS="portal.example.cn",
               SECRET_KEY="a-real-production-secret-key-with-enough-entropy-0123456789abcdef",
               IDENTITY_HASH_KEY="a-real-identity-key-0123456789abcdefghijklmnopqrstuvwxyz",
               DRAW_SECRET_KEY="a-real-draw-key-0123456789abcdefghijklmnopqrstuvwxyz",
               PORTAL_VAR_DIR=str(tmp_path / "var"), **extra)
    return env


def run_verify_draw(*args, env):
    # As documented: from the portal's folder, `.venv/bin/python manage.py verify_draw …`.
    return subprocess.run([sys.executable, "manage.py", "verify_draw", *args], cwd=ROOT, env=env,  # noqa: S603
                          capture_output=True, text=True, timeout=180, check=False)


@pytest.fixture
def failed_plan(make_plan, manager, city, django_capture_on_commit_callbacks):
    """A draw that fails: a forced target from which two of the three inspectors step aside."""
    target = city["targets"]["ZJ"][3]
    target.forced_lead = True
    target.save()
    for inspector in city["inspectors"]["ZJ"][:2]:
        InspectorTieFactory(inspector=inspector, entity=target.entity)
    plan = make_plan()
    plans.approve_plan(plan=plan, actor=manager)
    with django_capture_on_commit_callbacks(execute=True):
        plans.start_draw(plan=plan, actor=manager, now=plan.draw_at)
    plan = InspectionPlan.objects.get(pk=plan.pk)
    assert plan.state == "failed"
    return plan, target


@pytest.mark.django_db
def test_verify_draw_runs_without_debug(drawn_plan, capsys):
    assert settings.DEBUG is False
    call_command("verify_draw", drawn_plan.code)
    assert capsys.readouterr().out.strip().endswith("MATCH: the published draw is reproduced exactly.")


@pytest.mark.django_db
def test_verify_draw_as_documented_in_production_settings_checks_downloaded_files(client, drawn_plan, tmp_path):
    folder = tmp_path / "draw"
    folder.mkdir()
    download_all(client, drawn_plan, folder)
    completed = run_verify_draw("--dir", str(folder), env=production_env(tmp_path))
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "[OK] draw recomputed" in completed.stdout and "MATCH: the published draw" in completed.stdout
    result = json.loads((folder / "result.json").read_text("utf-8"))
    result["selected"][0]["inspectors"].reverse()
    (folder / "result.json").write_text(json.dumps(result), "utf-8")
    completed = run_verify_draw("--dir", str(folder), env=production_env(tmp_path))
    assert completed.returncode == 1 and "MISMATCH" in completed.stderr


@requires_postgres()
# Committed rows, so the subprocess sees them. No serialized rollback: restoring the migration data
# clashes with the roles a plain transactional test's flush re-creates (post_migrate), and this test
# needs none of that data.
@pytest.mark.django_db(transaction=True)
def test_verify_draw_as_documented_in_production_settings_checks_the_stored_plan(drawn_plan, tmp_path):
    db = connection.settings_dict
    url = f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    completed = run_verify_draw(drawn_plan.code, env=production_env(tmp_path, DATABASE_URL=url))
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "MATCH: the published draw is reproduced exactly." in completed.stdout


@pytest.mark.django_db
def test_a_failed_draw_publishes_a_result_that_verifies(client, failed_plan, tmp_path, capsys):
    plan, target = failed_plan
    record = plan.draw_record
    result = json.loads(record.result_json)
    assert result["status"] == "failed" and result["failure"]["target_id"] == target.target_id
    assert target.target_id in plan.draw_message
    page = client.get(reverse("inspections:plan", args=[plan.code])).content.decode()
    assert "result.json" in page and record.secret in page
    download_all(client, plan, tmp_path)
    completed = subprocess.run([sys.executable, "draw_algorithm.py", "."], cwd=tmp_path,  # noqa: S603
                               capture_output=True, text=True, check=False)
    assert completed.returncode == 0 and "MATCH" in completed.stdout, completed.stdout
    assert f"the draw failed: target {target.target_id}" in completed.stdout
    call_command("verify_draw", plan.code)
    assert "MATCH" in capsys.readouterr().out
