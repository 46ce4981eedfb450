"""Compile the project's .po catalogues to .mo with polib, so no gettext tools are needed."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


def catalogue_paths() -> list[Path]:
    """The project catalogue (templates, portal) and each app's own catalogue."""
    roots = [Path(p) for p in settings.LOCALE_PATHS] + sorted(Path(settings.BASE_DIR).glob("*/locale"))
    return sorted({po for root in roots for po in root.glob("*/LC_MESSAGES/*.po")})


class Command(BaseCommand):
    help = "Compile locale/*/LC_MESSAGES/*.po to .mo (pure Python; no msgfmt needed)."

    def handle(self, *args, **options):
        compiled = 0
        for po_path in catalogue_paths():
            try:
                catalogue = polib.pofile(str(po_path))
            except (OSError, ValueError) as exc:
                raise CommandError(f"{po_path}: {exc}") from exc
            catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
            compiled += 1
            self.stdout.write(f"{po_path}: {catalogue.percent_translated()}% translated")
        if not compiled:
            raise CommandError("No .po files found under LOCALE_PATHS.")
