from django.core.management.base import BaseCommand

from monitoring.simulation import simulate


class Command(BaseCommand):
    help = "Write a simulated market with planted bid rigging (ground truth kept apart) for evaluate_screens."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--tenders", type=int, default=2000)

    def handle(self, *args, **options):
        simulate(seed=options["seed"], tenders=options["tenders"], stdout=self.stdout)
