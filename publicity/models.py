"""Disclosures (信息公开): what the public reads about complaint decisions, inspection results,
penalties and credit records. Every text field holds redacted text only (publicity.redaction); the
raw text never reaches this table. Changes go through publicity.services."""

import re

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import FSMField, transition

from portal.audit import AuditEvent, append_only_triggers


class DisclosureQuerySet(models.QuerySet):
    def public(self, on=None):
        """Published, inside the publication window on `on` (default today)."""
        day = on or timezone.localdate()
        return self.filter(state=Disclosure.State.PUBLISHED, publish_from__lte=day).filter(
            Q(publish_until__isnull=True) | Q(publish_until__gte=day)
        )


class Disclosure(models.Model):
    class Kind(models.TextChoices):
        COMPLAINT_DECISION = "complaint_decision", pgettext_lazy("disclosure kind", "Complaint decision")
        INSPECTION_RESULT = "inspection_result", pgettext_lazy("disclosure kind", "Inspection result")
        PENALTY = "penalty", pgettext_lazy("disclosure kind", "Administrative penalty")
        BAD_BEHAVIOUR = "bad_behaviour", pgettext_lazy("disclosure kind", "Bad-behaviour record")
        RED_LIST = "red_list", pgettext_lazy("disclosure kind", "Red list")

    class Severity(models.TextChoices):
        ORDINARY = "ordinary", _("Ordinary")
        SERIOUS = "serious", _("Serious")

    class State(models.TextChoices):
        PUBLISHED = "published", pgettext_lazy("disclosure state", "Published")
        WITHDRAWN = "withdrawn", pgettext_lazy("disclosure state", "Withdrawn")
        REPAIRED = "repaired", _("Removed after credit repair")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    severity = models.CharField(
        _("severity"), max_length=20, choices=Severity.choices, blank=True,
        help_text=_("For penalties and bad-behaviour records: decides the publication period."),
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    decided_on = models.DateField(_("decision date"), null=True, blank=True)
    department = models.ForeignKey(
        "directory.Department", models.PROTECT, null=True, blank=True, related_name="disclosures",
        verbose_name=_("department"),
    )
    entity = models.ForeignKey(
        "directory.MarketEntity", models.SET_NULL, null=True, blank=True, related_name="disclosures",
        verbose_name=_("market entity"),
    )
    # Snapshots: what was published stays as published even if the directory changes later.
    entity_name = models.CharField(_("entity name"), max_length=200, blank=True)
    entity_code = models.CharField(_("credit code"), max_length=32, blank=True)
    project = models.ForeignKey(
        "directory.TradingProject", models.SET_NULL, null=True, blank=True, related_name="disclosures",
        verbose_name=_("trading project"),
    )
    publish_from = models.DateField(_("published from"))
    publish_until = models.DateField(_("published until"), null=True, blank=True,
                                     help_text=_("Empty: until withdrawn."))
    state = FSMField(_("state"), default=State.PUBLISHED, choices=State.choices, protected=True)
    version = models.PositiveIntegerField(default=0, editable=False)
    removal_reason = models.TextField(_("reason for removal"), blank=True)
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True)

    source_content_type = models.ForeignKey(ContentType, models.PROTECT, null=True, blank=True,
                                            verbose_name=_("source type"))
    source_object_id = models.CharField(_("source id"), max_length=64, blank=True)
    source = GenericForeignKey("source_content_type", "source_object_id")
    source_label = models.CharField(_("source record"), max_length=200, blank=True)
    source_url = models.CharField(_("source link"), max_length=300, blank=True)

    # Title, entity, document number and text in one column: one trigram index serves search.
    search_text = models.TextField(editable=False, default="")
    # Its distinct characters and character pairs (publicity.search_index): serves 1-2 character terms.
    search_tokens = models.TextField(editable=False, default="")
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("published by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = DisclosureQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_from", "-id"]
        verbose_name = _("disclosure")
        verbose_name_plural = _("disclosures")
        permissions = [
            ("withdraw_disclosure", _("Can withdraw a disclosure")),
            ("repair_disclosure", _("Can remove a disclosure after credit repair")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["source_content_type", "source_object_id", "kind"],
                condition=~Q(source_object_id=""), name="uniq_disclosure_per_source",
            ),
            models.CheckConstraint(
                condition=Q(publish_until__isnull=True) | Q(publish_until__gte=models.F("publish_from")),
                name="disclosure_window_ordered",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "publish_from"], name="disclosure_public_idx"),
            models.Index(fields=["kind", "publish_from"], name="disclosure_kind_idx"),
            models.Index(fields=["department", "publish_from"], name="disclosure_dept_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("publicity:detail", args=[self.pk])

    def clean_fields(self, exclude=None):
        # The protected FSM field refuses re-assignment; transitions are its only validation.
        super().clean_fields(exclude={*(exclude or ()), "state"})

    def is_public(self, on=None) -> bool:
        day = on or timezone.localdate()
        return (self.state == self.State.PUBLISHED and self.publish_from <= day
                and (self.publish_until is None or self.publish_until >= day))

    @transition(field=state, source=State.PUBLISHED, target=State.WITHDRAWN,
                permission="publicity.withdraw_disclosure")
    def withdraw(self, *, reason: str):
        self.removal_reason = reason
        self.removed_at = timezone.now()

    @transition(field=state, source=State.PUBLISHED, target=State.REPAIRED,
                permission="publicity.repair_disclosure")
    def remove_after_repair(self, *, reason: str):
        self.removal_reason = reason
        self.removed_at = timezone.now()


class DisclosureEvent(AuditEvent):
    """Audit trail of a disclosure: published, revised, withdrawn, removed after repair."""

    subject_field = "disclosure"

    disclosure = models.ForeignKey(Disclosure, models.PROTECT, related_name="events", verbose_name=_("disclosure"))

    class Meta(AuditEvent.Meta):
        verbose_name = _("disclosure event")
        verbose_name_plural = _("disclosure events")
        triggers = append_only_triggers("disclosure_event")

    ACTION_LABELS = {
        "published": pgettext_lazy("disclosure action", "Published"),
        "revised": _("Revised"),
        "withdrawn": _("Withdrawn"),
        "repaired": _("Removed after credit repair"),
    }

    def __str__(self):
        return f"{self.disclosure_id} {self.action}"

    def get_action_display(self):
        return self.ACTION_LABELS.get(self.action, self.action)


SYNONYM_SEPARATORS = re.compile(r"[\s,，、;；]+")


class SearchSynonym(models.Model):
    """A group of words the disclosure search treats as one: searching any of them finds
    disclosures holding any of them (people say 围标 or 串标, decisions say 串通投标). The office
    keeps the list in the back office (Snippets)."""

    words = models.CharField(
        _("words"), max_length=300,
        help_text=_("Words that mean the same to someone searching, separated by spaces or commas, e.g. "
                    "串通投标 围标 串标. Searching any one of them finds disclosures that contain any of them."))
    note = models.CharField(_("note"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["words"]
        verbose_name = _("search synonym group")
        verbose_name_plural = _("search synonyms")

    def __str__(self):
        return "、".join(self.word_list())

    def word_list(self) -> list[str]:
        """The words, each once, in the order written."""
        return list(dict.fromkeys(word for word in SYNONYM_SEPARATORS.split(self.words) if word))

    def clean(self):
        if len(self.word_list()) < 2:
            raise ValidationError({"words": _("Give at least two words that mean the same.")})
