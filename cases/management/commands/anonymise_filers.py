"""Erase the filer identity of cases that ended before the retention period (also a nightly task)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from cases.services.retention import anonymise_expired_filers, expired_identities


class Command(BaseCommand):
    help = "Erase filers' identities on cases that ended more than CASE_FILER_RETENTION_YEARS ago."

    def add_arguments(self, parser):
        parser.add_argument("--years", type=int, default=None,
                            help=f"Retention period in years (default: {settings.CASE_FILER_RETENTION_YEARS}).")
        parser.add_argument("--dry-run", action="store_true", help="Only count the cases that would be changed.")

    def handle(self, *args, years=None, dry_run=False, **options):
        if dry_run:
            self.stdout.write(f"{expired_identities(years=years).count()} cases would be anonymised.")
            return
        self.stdout.write(f"{anonymise_expired_filers(years=years)} cases anonymised.")
