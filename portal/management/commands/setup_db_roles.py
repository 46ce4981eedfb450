"""Create or repair the least-privilege PostgreSQL roles (portal.db_roles; README, Security)."""

import os

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection, transaction

from portal.db_roles import audit_tables, role_statements


class Command(BaseCommand):
    help = ("Create an owner role (owns everything, runs migrations) and a runtime role (the application: owns "
            "nothing, no TRUNCATE, only SELECT and INSERT on audit tables). Run as a superuser; passwords come "
            "from DB_OWNER_PASSWORD and DB_RUNTIME_PASSWORD. --print-sql shows the SQL instead of running it.")

    def add_arguments(self, parser):
        parser.add_argument("--owner", default="portal_owner")
        parser.add_argument("--runtime", default="portal_app")
        parser.add_argument("--print-sql", action="store_true")

    def handle(self, *args, owner, runtime, print_sql, **options):
        if connection.vendor != "postgresql":
            raise CommandError("Database roles exist only on PostgreSQL (set DATABASE_URL).")
        try:
            statements = role_statements(
                database=connection.settings_dict["NAME"], owner=owner, runtime=runtime,
                owner_password=os.environ.get("DB_OWNER_PASSWORD") or None,
                runtime_password=os.environ.get("DB_RUNTIME_PASSWORD") or None)
        except ValueError as error:
            raise CommandError(str(error)) from error
        if print_sql:
            self.stdout.write(";\n".join(statements) + ";")
            return
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)
        except DatabaseError as error:
            raise CommandError(f"Setting up the roles failed, nothing was changed: {error}") from error
        self.stdout.write(f"Owner role {owner} owns the database; runtime role {runtime} can read and write "
                          f"but only SELECT and INSERT on {len(audit_tables())} audit tables: "
                          f"{', '.join(audit_tables())}.")
