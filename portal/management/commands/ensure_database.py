"""Create the configured PostgreSQL database when it does not exist yet (SQLite creates itself)."""

import psycopg
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from psycopg import sql


class Command(BaseCommand):
    help = "Create the PostgreSQL database named in DATABASE_URL if it is missing."

    def handle(self, *args, **options):
        db = settings.DATABASES["default"]
        if not db["ENGINE"].endswith("postgresql"):
            return
        params = {"host": db.get("HOST") or None, "port": db.get("PORT") or None, "user": db.get("USER") or None,
                  "password": db.get("PASSWORD") or None, "dbname": "postgres", "autocommit": True}
        try:
            with psycopg.connect(**{k: v for k, v in params.items() if v is not None}) as connection:
                exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]]).fetchone()
                if not exists:
                    connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(db["NAME"])))
                    self.stdout.write(f"Created database {db['NAME']}")
        except psycopg.Error as exc:
            raise CommandError(f"Cannot reach PostgreSQL to check database {db['NAME']!r}: {exc}") from exc
