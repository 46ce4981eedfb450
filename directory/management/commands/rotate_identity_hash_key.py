"""Re-key every stored ID number after IDENTITY_HASH_KEY changed (directory/identity.py)."""

from django.core.management.base import BaseCommand, CommandError

from directory.services import rekey_id_numbers


class Command(BaseCommand):
    help = ("Re-compute the keyed index and the sealed copy of every ID number kept for conflict checks "
            "with the current IDENTITY_HASH_KEY. Set the new key as IDENTITY_HASH_KEY and the old one in "
            "IDENTITY_HASH_PREVIOUS_KEYS, run this once, then remove the old key.")

    def handle(self, *args, **options):
        try:
            report = rekey_id_numbers()
        except ValueError as exc:
            raise CommandError(f"{exc}. Nothing was changed: list the old key in IDENTITY_HASH_PREVIOUS_KEYS.") from exc
        for label, (rekeyed, unsealed) in report.items():
            self.stdout.write(f"{label}: {rekeyed} re-keyed")
            if unsealed:
                self.stdout.write(self.style.WARNING(
                    f"{label}: {unsealed} index(es) without a sealed copy cannot be re-keyed; enter those ID numbers again"))
        self.stdout.write(self.style.SUCCESS("All stored ID numbers now use the current key."))
