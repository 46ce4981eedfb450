from django.core.management.base import BaseCommand

from monitoring.evaluation import evaluate


class Command(BaseCommand):
    help = "Precision, recall and F1 of each screen and overall against a simulated market's ground truth."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, **options):
        report = evaluate(seed=options["seed"])
        self.stdout.write(f"seed {options['seed']}: {report['collusive_tenders']} collusive tenders, "
                          f"{report['collusive_firms']} collusive firms")
        self.stdout.write(f"{'screen':<22}{'flagged':>8}{'TP':>6}{'precision':>11}{'recall':>8}{'F1':>7}")
        for screen, row in sorted(report["screens"].items()):
            self.stdout.write(f"{screen:<22}{row['flagged']:>8}{row['true_positives']:>6}{row['precision']:>11.3f}"
                              f"{row['recall']:>8.3f}{row['f1']:>7.3f}")
        row = report["overall"]
        self.stdout.write(f"{'OVERALL':<22}{row['flagged']:>8}{row['true_positives']:>6}{row['precision']:>11.3f}"
                          f"{row['recall']:>8.3f}{row['f1']:>7.3f}")
        self.stdout.write(f"honest look-alikes flagged by win-rate screens: {len(report['lookalikes_flagged'])}")
        for screen, code, scheme in report["lookalikes_flagged"]:
            self.stdout.write(f"  {screen} {code} ({scheme})")
