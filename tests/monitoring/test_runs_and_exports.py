"""On-demand runs from the back office with progress, the nightly schedule, and lead exports."""

import io
import json

import openpyxl
import pytest
from django.conf import settings
from django.urls import reverse

from directory.roles import DEPARTMENT_HEAD, INSPECTOR, OFFICE_SUPERVISOR
from monitoring import exports
from monitoring.models import Lead, RunState, RunTrigger, Screen, ScreenRun
from monitoring.services.runs import run_now
from tests.factories.directory import DepartmentFactory, StaffProfileFactory, UserFactory
from tests.factories.monitoring import tender

pytestmark = pytest.mark.django_db


@pytest.fixture
def market(roles):
    zj, jt = DepartmentFactory(code="ZJ"), DepartmentFactory(code="JT")
    tender([500, 500, 530], code="TIE-ZJ", department=zj)
    tender([700, 700], code="TIE-JT", department=jt)
    return zj, jt


def test_office_supervisor_starts_a_run_and_follows_it(client, market, django_capture_on_commit_callbacks):
    client.force_login(UserFactory(username="sup", roles=[OFFICE_SUPERVISOR]))
    assert "立即运行筛查" in client.get(reverse("monitoring_runs")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("monitoring_run_new"), {})
    run = ScreenRun.objects.get()
    assert response.status_code == 302 and response.url == reverse("monitoring_run", args=[run.pk])
    assert (run.trigger, run.state, run.progress) == (RunTrigger.BACK_OFFICE, RunState.SUCCEEDED, 100)
    page = client.get(response.url).content.decode()
    assert "identical_bids" in page and "已完成" in page
    progress = client.get(reverse("monitoring_run_progress", args=[run.pk])).json()
    assert progress == {"state": "succeeded", "progress": 100, "step": "", "finished": True}


def test_inspectors_cannot_run_screens_or_export_leads(client, market):
    inspector = UserFactory(username="insp", roles=[INSPECTOR])
    client.force_login(inspector)
    # The back office answers a refusal by sending the user to the dashboard with a message.
    for response in (client.get(reverse("monitoring_runs")), client.post(reverse("monitoring_run_new"), {}),
                     client.get(reverse("monitoring_leads_export", args=["json"]))):
        assert response.status_code in (302, 403) and b"TIE-" not in response.content
    assert not ScreenRun.objects.exists()


def test_nightly_run_is_scheduled():
    entry = settings.CELERY_BEAT_SCHEDULE["monitoring.nightly_run"]
    assert entry["task"] == "monitoring.nightly_run"


def test_export_carries_codes_score_and_evidence_in_three_formats(client, market):
    run_now(trigger=RunTrigger.COMMAND)
    leads = Lead.objects.filter(screen=Screen.IDENTICAL_BIDS)
    records = exports.lead_records(leads)
    tie = next(r for r in records if r["project_codes"] == ["TIE-ZJ"])
    assert tie["screen"] == "identical_bids" and tie["evidence"]["rule"] == "R028"
    assert len(tie["entity_codes"]) == 2 and all(len(code) == 18 for code in tie["entity_codes"])
    as_csv = exports.export_leads(leads, "csv").decode("utf-8-sig")
    assert "TIE-ZJ" in as_csv and "identical_bids" in as_csv
    sheet = openpyxl.load_workbook(io.BytesIO(exports.export_leads(leads, "xlsx"))).active
    assert sheet.max_row == 3
    with pytest.raises(ValueError):
        exports.export_leads(leads, "pdf")


def test_department_head_exports_only_their_departments_leads(client, market):
    zj, _jt = market
    run_now(trigger=RunTrigger.COMMAND)
    head = UserFactory(username="head", roles=[DEPARTMENT_HEAD])
    StaffProfileFactory(user=head, department=zj)
    client.force_login(head)
    response = client.get(reverse("monitoring_leads_export", args=["json"]), {"screen": Screen.IDENTICAL_BIDS})
    records = json.loads(response.content)
    assert response["Content-Type"] == "application/json"
    assert [r["project_codes"] for r in records] == [["TIE-ZJ"]]
    assert client.get(reverse("monitoring_leads_export", args=["exe"])).status_code == 404


def test_office_edits_a_screens_parameters_and_bad_input_is_refused(client, market):
    from monitoring.services.parameters import effective_parameters

    client.force_login(UserFactory(username="sup2", roles=[OFFICE_SUPERVISOR]))
    page = client.get(reverse("monitoring_parameters")).content.decode()
    assert "筛查参数" in page and "min_days" in page
    url = reverse("monitoring_parameter_edit", args=[Screen.SHORT_TENDER_PERIOD])
    assert client.get(url).status_code == 200
    response = client.post(url, {"is_enabled": "on", "min_days": "abc", "raise_leads": ""})
    assert response.status_code == 200 and effective_parameters()[0][Screen.SHORT_TENDER_PERIOD]["min_days"] == 20
    response = client.post(url, {"is_enabled": "on", "min_days": "15", "raise_leads": "on"})
    assert response.status_code == 302
    values, enabled = effective_parameters()
    assert values[Screen.SHORT_TENDER_PERIOD] == {"min_days": 15, "raise_leads": True}
    assert Screen.SHORT_TENDER_PERIOD in enabled
    head = UserFactory(username="head2", roles=[DEPARTMENT_HEAD])
    client.force_login(head)
    assert client.post(url, {"is_enabled": "", "min_days": "1"}).status_code in (302, 403)
    assert effective_parameters()[0][Screen.SHORT_TENDER_PERIOD]["min_days"] == 15
