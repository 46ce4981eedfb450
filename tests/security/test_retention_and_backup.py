"""Item 14: filer data of cases that ended more than the retention period ago is erased (service,
periodic task, command; audited), and a pg_dump backup restores into a fresh database with the
cases, their audit trail and its protection."""

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from cases.models import Case, CaseEvent, State
from cases.services import retention
from notifications.models import Notification
from tests.conftest import requires_postgres
from tests.factories.cases import at, case_in_state, make_team

ROOT = Path(__file__).resolve().parents[2]
PSQL = shutil.which("psql") or "psql"


@pytest.fixture
def team(roles):
    return make_team()


def old_case(team, target, *, day=dt.date(2019, 3, 4)):
    with at(day):
        return case_in_state(team, target)


@pytest.mark.django_db
def test_identities_of_long_ended_cases_are_erased_and_audited(team, settings):
    settings.CASE_FILER_RETENTION_YEARS = 5
    expired = [old_case(team, State.CLOSED), old_case(team, State.REJECTED)]
    recent = old_case(team, State.CLOSED, day=timezone.localdate() - dt.timedelta(days=400))
    still_open = old_case(team, State.INVESTIGATING)
    assert Notification.objects.filter(dedupe_key__startswith=f"case:{expired[0].pk}:filer:").exclude(address="").exists()

    assert retention.anonymise_expired_filers() == 2
    for case in expired:
        case = Case.objects.get(pk=case.pk)
        assert (case.filer_name, case.filer_id_number, case.filer_phone, case.filer_email, case.filer_user) == (
            "", "", "", "", None)
        assert case.title and case.facts and case.state in (State.CLOSED, State.REJECTED)  # the case itself stays
        event = CaseEvent.objects.get(case=case, action=retention.ACTION)
        assert "5年" in event.note
    assert not Notification.objects.filter(dedupe_key__startswith=f"case:{expired[0].pk}:filer:").exclude(address="").exists()
    for case in (recent, still_open):
        assert Case.objects.get(pk=case.pk).filer_name == "张伟"
    assert retention.anonymise_expired_filers() == 0  # idempotent: nothing left, no second event
    assert CaseEvent.objects.filter(action=retention.ACTION).count() == 2


@pytest.mark.django_db
def test_the_command_counts_then_erases(team, capsys):
    old_case(team, State.CLOSED)
    call_command("anonymise_filers", "--dry-run", "--years", "3")
    assert "1 cases would be anonymised" in capsys.readouterr().out
    call_command("anonymise_filers", "--years", "3")
    assert "1 cases anonymised" in capsys.readouterr().out
    assert Case.objects.get().filer_name == ""


@pytest.mark.django_db
def test_the_nightly_task_is_scheduled_and_refuses_a_zero_period(team):
    from cases.tasks import anonymise_expired_filers

    assert settings.CELERY_BEAT_SCHEDULE["cases.anonymise_expired_filers"]["task"] == "cases.anonymise_expired_filers"
    assert anonymise_expired_filers.delay().get() == 0
    with pytest.raises(ValueError):
        retention.anonymise_expired_filers(years=0)


def _url(name: str) -> str:
    db = connection.settings_dict
    return f"postgresql://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


@requires_postgres()
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_into_a_fresh_database(tmp_path):
    from directory.roles import sync_roles

    sync_roles()
    team = make_team()
    case = case_in_state(team, State.ASSIGNED)
    events = CaseEvent.objects.filter(case=case).count()
    source = connection.settings_dict["NAME"]
    scratch = f"{source}_restore"
    dump = tmp_path / "portal.dump"
    env = {**os.environ, "DATABASE_URL": _url(source)}
    subprocess.run([str(ROOT / "bin/backup-db"), str(dump)], check=True, env=env, capture_output=True)
    assert dump.stat().st_size > 0

    psql = [PSQL, "-v", "ON_ERROR_STOP=1", "-qtA", _url("postgres")]
    subprocess.run([*psql, "-c", f'DROP DATABASE IF EXISTS "{scratch}"'], check=True, capture_output=True)
    subprocess.run([*psql, "-c", f'CREATE DATABASE "{scratch}"'], check=True, capture_output=True)
    try:
        subprocess.run([str(ROOT / "bin/restore-db"), str(dump), _url(scratch)], check=True, capture_output=True)

        def query(sql):
            return subprocess.run([PSQL, "-v", "ON_ERROR_STOP=1", "-qtA", _url(scratch), "-c", sql],
                                  capture_output=True, text=True)

        # integer ids from this test only
        restored = query(f"SELECT number, state, filer_name FROM cases_case WHERE id = {case.pk}")  # noqa: S608
        assert restored.stdout.strip() == f"{case.number}|assigned|张伟"
        count = query(f"SELECT count(*) FROM cases_caseevent WHERE case_id = {case.pk}")  # noqa: S608
        assert count.stdout.strip() == str(events)
        tampering = query(f"UPDATE cases_caseevent SET note = 'x' WHERE case_id = {case.pk}")  # noqa: S608
        assert tampering.returncode != 0 and "pgtrigger" in tampering.stderr  # the audit protection came along
    finally:
        subprocess.run([*psql, "-c", f'DROP DATABASE IF EXISTS "{scratch}"'], check=True, capture_output=True)
