from django.core.management.base import BaseCommand

from directory.roles import ROLES_BY_CODE, sync_roles


class Command(BaseCommand):
    help = "Create the role groups and give each exactly its permissions (idempotent)."

    def handle(self, *args, **options):
        for code, count in sync_roles().items():
            self.stdout.write(f"{ROLES_BY_CODE[code].group_name} ({code}): {count} permissions")
