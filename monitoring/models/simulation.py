from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SimulatedTruth(models.Model):
    """Ground truth of a simulated market: which tenders and firms the simulator made collusive
    (and which honest look-alikes it planted). Read only by `evaluate_screens`, never by a screen;
    subjects are named by code so nothing here joins the trading tables."""

    class Subject(models.TextChoices):
        PROJECT = "project", _("Tender")
        ENTITY = "entity", _("Firm")

    seed = models.BigIntegerField(_("seed"))
    subject = models.CharField(pgettext_lazy("simulation subject", "subject"), max_length=10, choices=Subject.choices)
    code = models.CharField(_("code"), max_length=40)
    scheme = models.CharField(_("scheme"), max_length=40)
    is_collusive = models.BooleanField(_("collusive"))
    group = models.CharField(pgettext_lazy("bid-rigging group", "group"), max_length=40, blank=True)

    class Meta:
        ordering = ["seed", "subject", "code"]
        verbose_name = _("simulated ground truth")
        verbose_name_plural = _("simulated ground truth")
        indexes = [models.Index(fields=["seed", "subject"])]
        constraints = [models.UniqueConstraint(fields=["seed", "subject", "code", "scheme"],
                                               name="uniq_simulated_truth")]

    def __str__(self):
        return f"{self.seed} {self.subject} {self.code} {self.scheme}"
