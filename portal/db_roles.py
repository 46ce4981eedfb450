"""Least-privilege PostgreSQL roles (README, Security → Database roles).

- The *owner* role owns the database, the schema and every table, sequence and trigger function;
  migrations run as the owner.
- The *runtime* role is what gunicorn and Celery connect as. It owns nothing (so it cannot ALTER a
  table or DISABLE a trigger, and cannot drop the audit triggers), has no TRUNCATE anywhere and
  only SELECT and INSERT on the append-only audit tables (so neither UPDATE, with or without
  `pgtrigger.ignore`, nor DELETE can change history).

`role_statements()` is the whole setup as SQL; `manage.py setup_db_roles` runs it (or prints it for
a DBA), and after every `migrate` the grants are applied again when DB_RUNTIME_ROLE is set, so a new
audit table is never left writable.
"""

from __future__ import annotations

import re

from django.apps import apps
from django.db import connections

from portal.audit import AppendOnlyModel

ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
TABLE_PRIVILEGES = "SELECT, INSERT, UPDATE, DELETE"
AUDIT_PRIVILEGES = "SELECT, INSERT"


def audit_tables() -> list[str]:
    """Every append-only table (models inheriting portal.audit.AppendOnlyModel)."""
    return sorted({model._meta.db_table for model in apps.get_models() if issubclass(model, AppendOnlyModel)})


def quoted_role(name: str) -> str:
    if not ROLE_NAME.match(name or ""):
        raise ValueError(f"{name!r} is not a plain role name (lower-case letters, digits and _).")
    return f'"{name}"'


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _database(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def create_role_statements(role: str, password: str | None) -> list[str]:
    """Create a login role without any special attribute, or strip them from an existing one."""
    attributes = "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS"
    statements = [
        "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = " + _literal(role) + ") THEN "
        f"CREATE ROLE {quoted_role(role)} {attributes}; END IF; END $$",
        f"ALTER ROLE {quoted_role(role)} {attributes}",
    ]
    if password:
        statements.append(f"ALTER ROLE {quoted_role(role)} PASSWORD {_literal(password)}")
    return statements


def ownership_statements(database: str, owner: str) -> list[str]:
    """Hand the database, the schema and every object in it (not extension members) to `owner`."""
    new_owner = quoted_role(owner)
    return [
        f"ALTER DATABASE {_database(database)} OWNER TO {new_owner}",
        f"ALTER SCHEMA public OWNER TO {new_owner}",
        "DO $$ DECLARE item record; BEGIN "  # noqa: S608 - the owner name is checked and quoted
        "FOR item IN SELECT c.oid::regclass AS name, c.relkind FROM pg_class c "
        "JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f') "
        "AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e') LOOP "
        "EXECUTE format('ALTER %s %s OWNER TO %I', CASE item.relkind WHEN 'v' THEN 'VIEW' "
        "WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, "
        f"item.name, {_literal(owner)}); END LOOP; "
        "FOR item IN SELECT c.oid::regclass AS name FROM pg_class c "
        "JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = 'public' AND c.relkind = 'S' "
        "AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('e', 'i', 'a')) LOOP "
        f"EXECUTE format('ALTER SEQUENCE %s OWNER TO %I', item.name, {_literal(owner)}); END LOOP; "
        "FOR item IN SELECT p.oid::regprocedure AS name FROM pg_proc p "
        "JOIN pg_namespace n ON n.oid = p.pronamespace "
        "WHERE n.nspname = 'public' "
        "AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e') LOOP "
        f"EXECUTE format('ALTER ROUTINE %s OWNER TO %I', item.name, {_literal(owner)}); END LOOP; "
        "END $$",
    ]


def grant_statements(database: str, owner: str, runtime: str) -> list[str]:
    """The runtime role's privileges; safe to run again at any time (as the owner or a superuser)."""
    app_role = quoted_role(runtime)
    statements = [
        f"REVOKE ALL ON DATABASE {_database(database)} FROM PUBLIC",
        f"GRANT CONNECT, TEMPORARY ON DATABASE {_database(database)} TO {app_role}",
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
        f"REVOKE CREATE ON SCHEMA public FROM {app_role}",
        f"GRANT USAGE ON SCHEMA public TO {app_role}",
        f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {app_role}",
        f"GRANT {TABLE_PRIVILEGES} ON ALL TABLES IN SCHEMA public TO {app_role}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {app_role}",
    ]
    for table in audit_tables():
        statements += [
            f'REVOKE ALL ON TABLE "{table}" FROM {app_role}',
            f'GRANT {AUDIT_PRIVILEGES} ON TABLE "{table}" TO {app_role}',
        ]
    if owner:
        # Tables the owner creates later (migrations) are usable at once; `migrate` then re-applies
        # the audit restrictions above (portal.apps), so a new audit table is never left writable.
        owner_role = quoted_role(owner)
        statements += [
            f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner_role} IN SCHEMA public "
            f"GRANT {TABLE_PRIVILEGES} ON TABLES TO {app_role}",
            f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner_role} IN SCHEMA public "
            f"GRANT USAGE, SELECT ON SEQUENCES TO {app_role}",
        ]
    return statements


def role_statements(*, database: str, owner: str, runtime: str, owner_password: str | None = None,
                    runtime_password: str | None = None) -> list[str]:
    if owner == runtime:
        raise ValueError("The owner and the runtime role must be different roles.")
    return [
        *create_role_statements(owner, owner_password),
        *create_role_statements(runtime, runtime_password),
        # The runtime role must not be able to act as the owner.
        f"REVOKE {quoted_role(owner)} FROM {quoted_role(runtime)}",
        *ownership_statements(database, owner),
        *grant_statements(database, owner, runtime),
    ]


def apply_grants_after_migrate(sender, app_config=None, using="default", **kwargs):
    """post_migrate: re-apply the runtime role's grants once, after the last app, when
    DB_RUNTIME_ROLE is set and the database is PostgreSQL."""
    from django.conf import settings

    runtime = getattr(settings, "DB_RUNTIME_ROLE", "")
    connection = connections[using]
    if not runtime or connection.vendor != "postgresql":
        return
    with_models = [config for config in apps.get_app_configs() if config.models_module is not None]
    if app_config is None or app_config is not with_models[-1]:
        return
    with connection.cursor() as cursor:
        for statement in grant_statements(connection.settings_dict["NAME"], "", runtime):
            cursor.execute(statement)
