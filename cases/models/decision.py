"""The decision document of a complaint (投诉处理决定书), its number and its service (送达).

A document is drafted when the handler proposes a decision, numbered when the head approves it
(department abbreviation, year, sequence: 住建局投诉决〔2026〕3号) and then served on the
complainant and the respondent, each with a recorded date and method. Written only by
cases.services.decision."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models.case import Case
from cases.models.choices import Outcome
from directory.models import Department


class DecisionDocument(models.Model):
    case = models.ForeignKey(Case, models.PROTECT, related_name="decision_documents", verbose_name=_("case"))
    round = models.PositiveSmallIntegerField(_("handling round"), default=1)
    number = models.CharField(_("document number"), max_length=60, blank=True)
    department = models.ForeignKey(
        Department, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("issuing department")
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    sequence = models.PositiveIntegerField(_("sequence"), null=True, blank=True)
    facts_found = models.TextField(_("facts found"), blank=True)
    reasoning = models.TextField(_("reasoning"), blank=True)
    legal_basis = models.TextField(_("legal basis"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=30, choices=Outcome.choices)
    measures = models.JSONField(_("measures"), default=list, blank=True)
    fine_amount = models.DecimalField(_("fine (yuan)"), max_digits=14, decimal_places=2, null=True, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["case", "round"]
        verbose_name = _("decision document")
        verbose_name_plural = _("decision documents")
        constraints = [
            models.UniqueConstraint(fields=["case", "round"], name="uniq_decision_document_round"),
            models.UniqueConstraint(
                fields=["number"], condition=~models.Q(number=""), name="uniq_decision_document_number"
            ),
            models.UniqueConstraint(
                fields=["department", "year", "sequence"],
                condition=models.Q(sequence__isnull=False),
                name="uniq_decision_document_sequence",
            ),
        ]

    def __str__(self):
        return self.number or f"{self.case_id} / {self.round}"

    @property
    def is_issued(self) -> bool:
        return bool(self.number)


class DecisionNumberSequence(models.Model):
    """Per department and year counter behind document numbers (row-locked on use)."""

    department = models.ForeignKey(Department, models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["department", "year"], name="uniq_decision_number_sequence")]

    def __str__(self):
        return f"{self.department_id} {self.year}: {self.last_value}"


class DecisionService(models.Model):
    """送达: the decision document handed to one party, on a day, by a method."""

    class Party(models.TextChoices):
        COMPLAINANT = "complainant", _("The complainant")
        RESPONDENT = "respondent", _("The respondent")

    class Method(models.TextChoices):
        DIRECT = "direct", _("Handed over in person")
        MAIL = "mail", _("Registered mail")
        ELECTRONIC = "electronic", _("Electronic service")
        LEFT_AT_ADDRESS = "left_at_address", _("Left at the address after refusal")
        ENTRUSTED = "entrusted", _("Entrusted service")
        PUBLIC_NOTICE = "public_notice", _("Public notice")

    document = models.ForeignKey(
        DecisionDocument, models.PROTECT, related_name="services", verbose_name=_("decision document")
    )
    party = models.CharField(_("party"), max_length=20, choices=Party.choices)
    method = models.CharField(_("method of service"), max_length=20, choices=Method.choices)
    served_on = models.DateField(_("served on"))
    note = models.TextField(_("note"), blank=True, help_text=_("e.g. the registered-mail tracking number"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        ordering = ["document", "party"]
        verbose_name = _("service of a decision")
        verbose_name_plural = _("services of decisions")
        constraints = [models.UniqueConstraint(fields=["document", "party"], name="uniq_decision_service_party")]

    def __str__(self):
        return f"{self.document} {self.party} {self.served_on}"
