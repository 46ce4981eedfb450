"""Issue 10, item 2: one audit door. Every audit table has the one shape (portal.audit.AuditEvent)
and the append-only protection; the transition door appends the event itself, with the client's
address and the request id of the request that caused it."""
# The SQL below is built from model table names, never from input.
# ruff: noqa: S608

import pathlib
import re

import pytest
from django.apps import apps
from django.db import DatabaseError, connection, transaction
from django.test import override_settings
from django.urls import reverse

from cases.models import Case, CaseEvent, State
from portal.audit import AppendOnlyModel, AuditEvent, event_model_for
from portal.db_roles import audit_tables
from portal.errors import ActionNotAllowed
from portal.workflow import apply_transition, transition
from tests.conftest import requires_postgres
from tests.factories.cases import CaseFactory

ROOT = pathlib.Path(__file__).resolve().parents[2]
AUDIT_MODELS = [model for model in apps.get_models() if issubclass(model, AuditEvent)]


def test_every_event_table_has_the_one_audit_shape():
    event_tables = [
        model for model in apps.get_models() if issubclass(model, AppendOnlyModel) and model.__name__.endswith("Event")
    ]
    assert {model.__name__ for model in event_tables} >= {
        "CaseEvent",
        "PlanEvent",
        "InspectionEvent",
        "TargetEvent",
        "DisclosureEvent",
        "LeadEvent",
        "AccountEvent",
    }
    assert [model.__name__ for model in event_tables if not issubclass(model, AuditEvent)] == []
    for model in AUDIT_MODELS:
        names = {field.name for field in model._meta.get_fields()}
        assert {
            "actor",
            "created_at",
            "action",
            "from_state",
            "to_state",
            "note",
            "client_address",
            "request_id",
            "data",
        } <= names, model
        assert model._meta.get_field(model.subject_field).is_relation, model


def test_every_audit_table_is_append_only_and_closed_to_the_runtime_role():
    tables = set(audit_tables())
    for model in AUDIT_MODELS:
        operations = {str(trigger.operation) for trigger in model._meta.triggers}
        assert operations == {"UPDATE", "DELETE"}, model
        assert model._meta.db_table in tables, model


def test_every_model_that_goes_through_the_door_has_an_audit_table():
    door_models = [
        model
        for model in apps.get_models()
        if {"state", "version"} <= {field.name for field in model._meta.get_fields()}
    ]
    assert {model.__name__ for model in door_models} >= {"Case", "InspectionPlan", "Inspection", "Disclosure", "Lead"}
    for model in door_models:
        assert event_model_for(model)._meta.get_field(event_model_for(model).subject_field).related_model is model


def test_no_service_writes_an_audit_row_or_a_version_by_itself():
    """Events go through portal.audit (record_event, or build_event for a bulk insert)."""
    by_hand = re.compile(r"\b\w+Event\.objects\.create\(|(?<!class )\b[A-Z]\w*Event\(")
    offenders = [
        str(path.relative_to(ROOT))
        for path in ROOT.glob("*/**/*.py")
        if not {".venv", "node_modules", "tests", "migrations", "models"} & set(path.parts)
        and path.name not in ("models.py", "audit.py")
        and by_hand.search(path.read_text("utf-8"))
    ]
    assert offenders == []


@requires_postgres()
@pytest.mark.django_db
@pytest.mark.parametrize("model", AUDIT_MODELS, ids=lambda model: model.__name__)
def test_postgres_refuses_raw_update_and_delete_of_every_audit_table(model):
    # Foreign keys are checked at commit (DEFERRABLE INITIALLY DEFERRED) and the probe row is rolled
    # back before, so it needs no real subject.
    table = model._meta.db_table
    with pytest.raises(RolledBack), transaction.atomic():
        event = model(action="probe", **{f"{model.subject_field}_id": 2_000_000_000})
        event.save()
        for statement in (f"UPDATE {table} SET note = 'rewritten' WHERE id = %s", f"DELETE FROM {table} WHERE id = %s"):
            with pytest.raises(DatabaseError, match="pgtrigger"), transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(statement, [event.pk])
        assert model.objects.filter(pk=event.pk, note="").exists()
        raise RolledBack


class RolledBack(Exception):
    pass


@pytest.mark.django_db
def test_the_door_appends_the_event_of_a_transition_without_the_service(team):
    case = CaseFactory()
    with transaction.atomic():
        step = apply_transition(
            model=Case, pk=case.pk, transition="accept", actor=team.intake, expected_version=0, note="材料齐全"
        )
    event = CaseEvent.objects.get(case=case, action="accept")
    assert step.event == event
    assert (event.from_state, event.to_state, event.actor, event.note) == (
        State.SUBMITTED,
        State.ACCEPTED,
        team.intake,
        "材料齐全",
    )
    assert (event.client_address, event.request_id) == (None, "")  # not made in a request
    assert Case.objects.get(pk=case.pk).version == 1


@pytest.mark.django_db
def test_a_transition_that_fails_inside_the_door_leaves_no_event_and_no_change(team):
    case = CaseFactory()
    with (
        pytest.raises(ActionNotAllowed),
        transaction.atomic(),
        transition(model=Case, pk=case.pk, transition="accept", actor=team.intake),
    ):
        raise ActionNotAllowed()
    assert not CaseEvent.objects.filter(case=case, action="accept").exists()
    assert (Case.objects.get(pk=case.pk).state, Case.objects.get(pk=case.pk).version) == (State.SUBMITTED, 0)


@pytest.mark.django_db
def test_a_transition_through_a_request_records_the_client_address_and_the_request_id(team, client_for):
    case = CaseFactory()
    response = client_for(team.intake).post(
        reverse("cases_action", args=[case.pk, "accept"]),
        {"version": 0, "note": "材料齐全"},
        REMOTE_ADDR="198.51.100.7",
        HTTP_X_REQUEST_ID="trace-0042",
    )
    assert response.status_code == 302
    assert response["X-Request-ID"] == "trace-0042"
    event = CaseEvent.objects.get(case=case, action="accepted")
    assert (event.client_address, event.request_id, event.actor) == ("198.51.100.7", "trace-0042", team.intake)


@pytest.mark.django_db
@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_the_event_records_the_address_the_proxy_saw(team, client_for):
    case = CaseFactory()
    client_for(team.intake).post(
        reverse("cases_action", args=[case.pk, "accept"]),
        {"version": 0},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9",
    )
    assert CaseEvent.objects.get(case=case, action="accepted").client_address == "203.0.113.9"


@pytest.mark.django_db
@pytest.mark.parametrize("offered", ["", "两个字", "x" * 65, "a b", "<script>"])
def test_a_missing_or_odd_request_id_is_replaced_by_a_new_one(client, offered):
    response = client.get("/", HTTP_X_REQUEST_ID=offered)
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])
