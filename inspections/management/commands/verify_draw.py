"""Recompute a published draw from its published material alone and say whether it matches."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from inspections import selectors
from inspections.draw import algorithm
from inspections.models import InspectionPlan


class Command(BaseCommand):
    help = ("Re-run a draw from its published manifest, snapshots, secret and public value and compare it with "
            "the published result. PLAN is the plan's id or number; --dir verifies downloaded files instead.")

    def add_arguments(self, parser):
        parser.add_argument("plan", nargs="?", help="plan id or plan number")
        parser.add_argument("--dir", type=Path, help="folder with the files downloaded from the public draw page")

    def handle(self, *args, plan=None, dir=None, **options):  # noqa: A002 - the option's name
        if dir is not None:
            if not dir.is_dir():
                raise CommandError(f"{dir} is not a folder")
            checks = algorithm.verify_directory(dir)
        else:
            if not plan:
                raise CommandError("Give a plan id or number, or --dir")
            checks = algorithm.verify_published(**self._material(plan))
        for check in checks:
            style = self.style.SUCCESS if check.ok else self.style.ERROR
            self.stdout.write(style(f"[{'OK' if check.ok else 'FAIL'}] {check.name}: {check.detail}"))
        if not all(check.ok for check in checks):
            raise CommandError("MISMATCH: the published material does not reproduce the published draw.")
        self.stdout.write(self.style.SUCCESS("MATCH: the published draw is reproduced exactly."))

    def _material(self, reference: str) -> dict:
        lookup = {"pk": int(reference)} if reference.isdigit() else {"code": reference}
        plan = InspectionPlan.objects.filter(**lookup).select_related("draw_record").first()
        if plan is None:
            raise CommandError(f"No inspection plan {reference}")
        record = getattr(plan, "draw_record", None)
        if record is None or not record.result_json:
            raise CommandError(f"Plan {plan.code} has no published draw result (state: {plan.get_state_display()})")
        return {
            "manifest_bytes": record.manifest_json.encode("utf-8"),
            "target_bytes": record.target_snapshot.encode("utf-8"),
            "inspector_bytes": record.inspector_snapshot.encode("utf-8"),
            "conflict_bytes": record.conflict_snapshot.encode("utf-8"),
            "reveal": {"secret": record.secret, "public_value": record.public_value,
                       "conflict_keys": selectors.revealed_conflict_keys(plan)},
            "result_bytes": record.result_json.encode("utf-8"),
            "published_manifest_sha256": record.manifest_sha256,
        }
