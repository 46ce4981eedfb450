"""Issue 9, item 6: the application's database role cannot change the audit trail."""
# The SQL below is built from model table names and primary keys, never from input.
# ruff: noqa: S608

import uuid

import pgtrigger
import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from cases.models import CaseEvent
from portal.db_roles import audit_tables, role_statements
from tests.conftest import requires_postgres
from tests.factories.cases import CaseFactory

pytestmark = pytest.mark.django_db


def test_every_append_only_model_is_an_audit_table():
    tables = audit_tables()
    assert {"cases_caseevent", "publicity_disclosureevent", "inspections_planevent"} <= set(tables)


def test_role_names_are_checked_before_any_sql():
    with pytest.raises(ValueError):
        role_statements(database="portal", owner="owner; DROP TABLE x", runtime="portal_app")
    with pytest.raises(ValueError):
        role_statements(database="portal", owner="portal_app", runtime="portal_app")


def test_the_sql_can_be_printed_for_a_dba():
    sql = "\n".join(role_statements(database="portal", owner="portal_owner", runtime="portal_app"))
    assert 'GRANT SELECT, INSERT ON TABLE "cases_caseevent" TO "portal_app"' in sql
    assert "TRUNCATE" not in sql.replace("REVOKE ALL", "")


@pytest.fixture
def roles_in_database(team):
    """Fresh owner and runtime roles (this test's transaction rolls them back with everything else)."""
    suffix = uuid.uuid4().hex[:8]
    owner, runtime = f"test_owner_{suffix}", f"test_runtime_{suffix}"
    with connection.cursor() as cursor:
        # The fixtures' inserts leave deferred foreign-key checks, which block ALTER TABLE in the same
        # transaction; a real run of the command has a transaction of its own.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("setup_db_roles", owner=owner, runtime=runtime)
    case = CaseFactory()
    return owner, runtime, case, CaseEvent.objects.filter(case=case).first()


def refused_as(role, *statements):
    """Run the statements as `role` in a savepoint; the database error code, or None if allowed."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f'SET LOCAL ROLE "{role}"')
            for statement in statements:
                cursor.execute(statement)
            raise _Allowed
    except _Allowed:
        return None
    except DatabaseError as error:
        return getattr(error.__cause__, "sqlstate", "error")


class _Allowed(Exception):
    pass


@requires_postgres()
def test_runtime_role_cannot_change_history(roles_in_database):
    owner, runtime, case, event = roles_in_database
    table = CaseEvent._meta.db_table
    insufficient_privilege = "42501"
    assert refused_as(runtime, f"TRUNCATE {table}") == insufficient_privilege
    assert refused_as(runtime, f"DELETE FROM {table} WHERE id = {event.pk}") == insufficient_privilege
    assert refused_as(runtime, f"UPDATE {table} SET note = 'rewritten' WHERE id = {event.pk}") == insufficient_privilege
    assert refused_as(runtime, f"ALTER TABLE {table} DISABLE TRIGGER ALL") == insufficient_privilege
    assert refused_as(runtime, f"DROP TABLE {table}") == insufficient_privilege
    assert refused_as(runtime, "SET LOCAL session_replication_role = replica") == insufficient_privilege
    assert refused_as(runtime, "CREATE TABLE scratch (id int)") == insufficient_privilege
    # pgtrigger.ignore, the application's own bypass of the append-only triggers, does not help.
    with pgtrigger.ignore("cases.CaseEvent:case_event_no_update"):
        assert refused_as(runtime, f"UPDATE {table} SET note = 'rewritten' WHERE id = {event.pk}") \
            == insufficient_privilege
    # Every audit table, not only the case events.
    for audit_table in audit_tables():
        assert refused_as(runtime, f'TRUNCATE "{audit_table}"') == insufficient_privilege, audit_table
        assert refused_as(runtime, f'UPDATE "{audit_table}" SET id = id') == insufficient_privilege, audit_table
    CaseEvent.objects.get(pk=event.pk)  # untouched


@requires_postgres()
def test_runtime_role_runs_the_application(roles_in_database):
    owner, runtime, case, event = roles_in_database
    table = CaseEvent._meta.db_table
    assert refused_as(runtime, f"SELECT count(*) FROM {table}",
                      f"INSERT INTO {table} (case_id, actor_label, action, from_state, to_state, note, public_note, "
                      f"is_public, data, request_id, created_at) SELECT case_id, 'x', 'internal_note', '', to_state, "
                      f"'n', '', false, '{{}}', '', now() FROM {table} WHERE id = {event.pk}",
                      f"UPDATE cases_case SET title = title WHERE id = {case.pk}",
                      "DELETE FROM django_session") is None


@requires_postgres()
def test_the_old_owner_could_bypass_the_trigger_so_the_refusal_is_the_role(roles_in_database):
    """Control: the superuser the tests connect as can still rewrite history with pgtrigger.ignore,
    the bypass this item closes for the application."""
    owner, runtime, case, event = roles_in_database
    with transaction.atomic():
        with connection.cursor() as cursor, pgtrigger.ignore("cases.CaseEvent:case_event_no_update"):
            cursor.execute(f"UPDATE {CaseEvent._meta.db_table} SET note = 'rewritten' WHERE id = %s", [event.pk])
            assert cursor.rowcount == 1
        transaction.set_rollback(True)


@requires_postgres()
def test_owner_owns_every_table_and_runtime_owns_nothing(roles_in_database):
    owner, runtime, case, event = roles_in_database
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                       "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm') "
                       "AND pg_get_userbyid(c.relowner) <> %s", [owner])
        assert cursor.fetchone()[0] == 0
        cursor.execute("SELECT count(*) FROM pg_class WHERE pg_get_userbyid(relowner) = %s", [runtime])
        assert cursor.fetchone()[0] == 0
        cursor.execute("SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls FROM pg_roles WHERE rolname = %s",
                       [runtime])
        assert cursor.fetchone() == (False, False, False, False)
        # It cannot become the owner either (SET ROLE needs membership).
        cursor.execute("SELECT pg_has_role(%s, %s, 'MEMBER')", [runtime, owner])
        assert cursor.fetchone()[0] is False


@requires_postgres()
def test_migrate_reapplies_the_audit_restrictions(roles_in_database, settings):
    """A later migration (run as the owner) that leaves an audit table writable is corrected by
    the post_migrate hook when DB_RUNTIME_ROLE is set."""
    from django.apps import apps

    from portal.db_roles import apply_grants_after_migrate

    owner, runtime, case, event = roles_in_database
    table = CaseEvent._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f'GRANT UPDATE, DELETE, TRUNCATE ON {table} TO "{runtime}"')
    assert refused_as(runtime, f"TRUNCATE {table}") is None  # the mistake is real
    settings.DB_RUNTIME_ROLE = runtime
    last_app = [config for config in apps.get_app_configs() if config.models_module is not None][-1]
    apply_grants_after_migrate(sender=last_app, app_config=last_app, using="default")
    assert refused_as(runtime, f"TRUNCATE {table}") == "42501"
    assert refused_as(runtime, f"DELETE FROM {table} WHERE id = {event.pk}") == "42501"
