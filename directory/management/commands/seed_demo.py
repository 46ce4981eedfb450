"""Build the demo city: directory, then each later app's demo data. Safe to run again."""

from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from directory.demo import DEMO_SUPERUSER, demo_password
from directory.roles import PROJECT_APPS, sync_roles


class Command(BaseCommand):
    help = "Create demo data (idempotent). Demo accounts only when DEBUG or DEMO_MODE is on."

    def add_arguments(self, parser):
        parser.add_argument("--demo", action="store_true", help="Allow demo accounts even with DEBUG off.")

    def handle(self, *args, **options):
        if not (settings.DEMO_MODE or options["demo"]):
            raise CommandError("Refusing to create demo accounts: set DEBUG=1 or DEMO_MODE=1, or pass --demo.")
        sync_roles()
        with transaction.atomic():
            accounts = import_module("directory.demo").seed(self.stdout)
            for label in PROJECT_APPS[1:]:
                if find_spec(f"{label}.demo") is not None:
                    import_module(f"{label}.demo").seed(self.stdout)
        self.stdout.write("")
        self.stdout.write("Demo accounts (username / password / role, person):")
        names = dict(get_user_model().objects.filter(username__in=accounts).values_list("username", "first_name"))
        for username, role in accounts.items():
            person = f", {names[username]}" if names.get(username) else ""
            self.stdout.write(f"  {username:<12} {demo_password(username):<20} {role}{person}")
        self.stdout.write(f"Back office: /admin/  (superuser {DEMO_SUPERUSER} also has /django-admin/)")
