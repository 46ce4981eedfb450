"""Writes to the publicity tables. `publish_disclosure` is the one entry point through which any
app publishes anything; it redacts before saving, so nothing unredacted is ever public."""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit import record_event
from portal.errors import ActionNotAllowed
from portal.workflow import advance_version, apply_transition
from publicity import windows
from publicity.models import Disclosure
from publicity.redaction import mask_name, redact
from publicity.search_index import search_tokens

REVISABLE_FIELDS = ("severity", "title", "body", "document_number", "decided_on", "department_id", "entity_id",
                    "entity_name", "entity_code", "project_id", "publish_from", "publish_until",
                    "source_label", "source_url", "search_text")


def _search_text(disclosure: Disclosure) -> str:
    parts = (disclosure.title, disclosure.entity_name, disclosure.entity_code, disclosure.document_number,
             disclosure.body)
    return "\n".join(part for part in parts if part)


def _validate_window(kind: str, severity: str, start: dt.date, until: dt.date | None) -> None:
    if until is not None and until < start:
        raise ValidationError({"publish_until": _("The publication cannot end before it starts.")})
    rule = windows.rule_for(kind, severity)
    if kind in windows.CREDIT_KINDS and until is None:
        raise ValidationError({"publish_until": _("Credit information is published for a limited period: give an end date.")})
    if until is None:
        return
    if rule.min_months and until < windows.add_months(start, rule.min_months):
        raise ValidationError({"publish_until": _("This kind of record is published for at least %(months)d months.")
                               % {"months": rule.min_months}})
    if rule.max_months and until > windows.add_months(start, rule.max_months):
        raise ValidationError({"publish_until": _("This kind of record is published for at most %(months)d months.")
                               % {"months": rule.max_months}})


@transaction.atomic
def publish_disclosure(
    *,
    kind: str,
    title: str,
    body: str,
    department=None,
    entity=None,
    project=None,
    severity: str = "",
    document_number: str = "",
    decided_on: dt.date | None = None,
    publish_from: dt.date | None = None,
    publish_until: dt.date | None = None,
    source=None,
    source_label: str = "",
    source_url: str = "",
    personal_values=(),
    actor=None,
) -> Disclosure:
    """Publish (or revise) a disclosure. The only way anything becomes public in `publicity`.

    - `kind`: a `Disclosure.Kind` value; `severity` (`Disclosure.Severity`) is required for
      penalties and bad-behaviour records and decides the allowed publication period.
    - `title`, `body`: raw text. Both are redacted (publicity.redaction) before anything is saved,
      with `personal_values`: what the caller knows about the record's natural persons (filers,
      respondents' representatives, witnesses, staff: names, ID numbers, phones, e-mail and postal
      addresses). The entity's name and credit code stay public. Names in running text or after
      labels, phone, ID, account and permit numbers, e-mail and street addresses are redacted
      whether or not they are listed.
    - `department` (directory.Department), `entity` (directory.MarketEntity), `project`
      (directory.TradingProject): optional links; the entity's name and code are snapshotted.
    - `publish_from` (default today) and `publish_until` (default from publicity.windows; `None` for
      kinds without a default means until withdrawn). Windows outside the kind's bounds are refused.
    - `source`: the record this discloses (any model instance; kept through a generic foreign key),
      plus an optional public `source_label` (e.g. the case number) and `source_url`.
    - Idempotent per (source, kind): publishing again for the same source updates the existing
      disclosure in place (re-redacted, one "revised" audit event if anything changed) and returns
      it; a withdrawn or repaired one is not brought back (ActionNotAllowed).

    Raises ValidationError for bad input (nothing is saved). Returns the saved Disclosure.
    """
    if kind not in Disclosure.Kind.values:
        raise ValidationError({"kind": _("Unknown disclosure kind.")})
    if kind in windows.CREDIT_KINDS and not severity:
        severity = Disclosure.Severity.ORDINARY
    if kind not in windows.CREDIT_KINDS:
        severity = ""
    start = publish_from or timezone.localdate()
    until = publish_until if publish_until is not None else windows.default_until(kind, severity, start)
    _validate_window(kind, severity, start, until)

    values, protected = redaction_inputs(entity=entity, personal_values=personal_values)

    existing = None
    source_type, source_id = None, ""
    if source is not None:
        source_type, source_id = ContentType.objects.get_for_model(source), str(source.pk)
        existing = Disclosure.objects.select_for_update().filter(
            source_content_type=source_type, source_object_id=source_id, kind=kind
        ).first()
    if existing is not None and existing.state != Disclosure.State.PUBLISHED:
        raise ActionNotAllowed(_("This record's disclosure was withdrawn or removed; it is not published again."))

    disclosure = existing or Disclosure(kind=kind, source_content_type=source_type, source_object_id=source_id)
    before = {field: getattr(disclosure, field) for field in REVISABLE_FIELDS} if existing else None
    disclosure.severity = severity
    disclosure.title = redact(title, personal_values=values, protected=protected).strip()
    disclosure.body = redact(body, personal_values=values, protected=protected).strip()
    disclosure.document_number = document_number.strip()
    disclosure.decided_on = decided_on
    disclosure.department = department
    disclosure.entity = entity
    disclosure.entity_name = mask_entity_name(entity) if entity is not None else ""
    disclosure.entity_code = entity.code if entity is not None and entity.entity_type != entity.Type.EXPERT else ""
    disclosure.project = project
    disclosure.publish_from = start
    disclosure.publish_until = until
    disclosure.source_label = redact(source_label, personal_values=values, protected=protected)
    disclosure.source_url = source_url
    disclosure.search_text = _search_text(disclosure)
    disclosure.search_tokens = search_tokens(disclosure.search_text)
    if existing is None:
        disclosure.published_by = actor
    disclosure.full_clean()
    if existing is not None:
        changed = [f for f in REVISABLE_FIELDS if before[f] != getattr(disclosure, f)]
        if not changed:
            return existing
        advance_version(disclosure)
        disclosure.save()
        record_event(disclosure, "revised", actor=actor, note=", ".join(changed))
        return disclosure
    disclosure.save()
    record_event(disclosure, "published", actor=actor)
    return disclosure


def redaction_inputs(*, entity=None, personal_values=()) -> tuple[list[str], list[str]]:
    """What is redacted and what stays public: the listed personal values and the entity's legal
    representative are redacted; an organisation's name and credit code stay; an expert (a
    natural person) is redacted with everything the directory holds about them."""
    values = [str(value) for value in personal_values if value]
    protected = []
    if entity is not None:
        if entity.entity_type == entity.Type.EXPERT:
            values += [entity.name, entity.code, entity.phone, entity.email, entity.address]
        else:
            protected = [entity.name, entity.code]
        values.append(entity.legal_representative)
    return [value for value in values if value], protected


def preview_redaction(*, text: str, entity=None, personal_values=()) -> str:
    """Exactly what `publish_disclosure` would make public of `text`, for a preview."""
    values, protected = redaction_inputs(entity=entity, personal_values=personal_values)
    return redact(text, personal_values=values, protected=protected).strip()


def mask_entity_name(entity) -> str:
    return mask_name(entity.name) if entity.entity_type == entity.Type.EXPERT else entity.name


@transaction.atomic
def withdraw_disclosure(*, disclosure_id: int, actor, reason: str, expected_version: int | None = None) -> Disclosure:
    """Take a disclosure off the public site (e.g. the decision was revoked on review)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for withdrawing the disclosure.")})
    return apply_transition(model=Disclosure, pk=disclosure_id, transition="withdraw", actor=actor,
                            expected_version=expected_version, arguments={"reason": reason},
                            action="withdrawn", note=reason).obj


@transaction.atomic
def remove_after_credit_repair(*, disclosure_id: int, actor, reason: str, repaired_on: dt.date,
                               expected_version: int | None = None) -> Disclosure:
    """Credit repair (信用修复): remove a penalty or bad-behaviour record before its window ends,
    once its minimum publication period has passed."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Describe how the entity repaired its credit.")})
    disclosure = Disclosure.objects.get(pk=disclosure_id)
    if disclosure.kind not in windows.CREDIT_KINDS:
        raise ActionNotAllowed(_("Only penalties and bad-behaviour records can be removed after credit repair."))
    earliest = windows.earliest_repair_removal(disclosure)
    if repaired_on > timezone.localdate():
        raise ValidationError({"repaired_on": _("The repair date cannot be in the future.")})
    if timezone.localdate() < earliest:
        raise ActionNotAllowed(
            _("The minimum publication period runs until %(date)s; the record cannot be removed before.")
            % {"date": earliest.isoformat()}
        )
    return apply_transition(model=Disclosure, pk=disclosure_id, transition="remove_after_repair", actor=actor,
                            expected_version=expected_version, arguments={"reason": reason},
                            action="repaired", note=f"{repaired_on.isoformat()}: {reason}").obj
