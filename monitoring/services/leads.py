"""Leads: recording what the screens found (no duplicates, growing evidence with history) and the
office's decisions on them, each through the locked door (portal.workflow) with an audit event."""

from __future__ import annotations

import hashlib
import json
from collections import Counter

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from cases.models import Channel, Kind
from cases.services import open_case
from inspections.models import InspectionTarget
from inspections.services import targets as target_services
from monitoring import selectors
from monitoring.models import Lead, LeadEvent, ScreenRun
from monitoring.screens.base import Finding
from portal.audit import build_event
from portal.errors import ActionNotAllowed, DomainError, PermissionRefused
from portal.workflow import apply_transition

CHUNK = 1000


def _digest(finding: Finding) -> str:
    payload = {"evidence": finding.evidence, "score": finding.score, "entities": sorted(finding.entity_ids),
               "projects": sorted(finding.project_ids), "bids": sorted(finding.bid_ids)}
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


def _link_subjects(pairs: list[tuple[Lead, Finding]]) -> None:
    """Add the findings' subjects to the leads' M2M tables in bulk (existing links are kept)."""
    for field, attr in (("entities", "entity_ids"), ("projects", "project_ids"), ("bids", "bid_ids")):
        through = getattr(Lead, field).through
        column = getattr(Lead, field).field.m2m_reverse_field_name() + "_id"
        rows = [through(lead_id=lead.pk, **{column: pk}) for lead, f in pairs for pk in set(getattr(f, attr)) if pk]
        through.objects.bulk_create(rows, batch_size=CHUNK, ignore_conflicts=True)


@transaction.atomic
def record_findings(*, run: ScreenRun | None, findings: list[Finding]) -> dict[str, Counter]:
    """Turn findings into leads. A finding whose fingerprint (screen + subjects) has a lead
    updates that lead when its evidence changed (event `evidence_updated` keeps the previous
    score and evidence) and otherwise only marks it as confirmed by this run; a new fingerprint
    makes a new lead (event `found`). Bulk writes throughout. Returns counts per screen."""
    counts: dict[str, Counter] = {}
    wanted = {}
    for f in findings:
        if f.raises_lead:
            wanted[f.fingerprint] = f
    for f in wanted.values():
        counts.setdefault(f.screen, Counter())["flagged"] += 1
    fingerprints = list(wanted)
    existing = {}
    for start in range(0, len(fingerprints), CHUNK):
        for lead in Lead.objects.filter(fingerprint__in=fingerprints[start:start + CHUNK]):
            existing[lead.fingerprint] = lead
    new, changed, unchanged = [], [], []
    for fingerprint, f in wanted.items():
        digest = _digest(f)
        lead = existing.get(fingerprint)
        if lead is None:
            new.append((Lead(screen=f.screen, fingerprint=fingerprint, department_id=f.department_id, score=f.score,
                             summary=f.summary, evidence=f.evidence, evidence_digest=digest, first_run=run,
                             last_run=run), f))
        elif lead.evidence_digest != digest:
            changed.append((lead, f, {"score": str(lead.score), "evidence": lead.evidence}))
            lead.score, lead.summary, lead.evidence, lead.evidence_digest = f.score, f.summary, f.evidence, digest
            lead.last_run = run
        else:
            unchanged.append(lead.pk)
            counts[f.screen]["unchanged"] += 1
    Lead.objects.bulk_create([lead for lead, _f in new], batch_size=CHUNK)
    if changed:
        Lead.objects.bulk_update([lead for lead, _f, _p in changed],
                                 ["score", "summary", "evidence", "evidence_digest", "last_run", "updated_at"],
                                 batch_size=CHUNK)
    for start in range(0, len(unchanged), CHUNK):
        Lead.objects.filter(pk__in=unchanged[start:start + CHUNK]).update(last_run=run)
    _link_subjects([(lead, f) for lead, f in new] + [(lead, f) for lead, f, _p in changed])
    events = [build_event(LeadEvent, lead=lead, run=run, action="found", to_state=lead.state, note=lead.summary,
                          data={"score": str(lead.score)}) for lead, _f in new]
    events += [build_event(LeadEvent, lead=lead, run=run, action="evidence_updated", note=lead.summary,
                           data={"previous": previous, "score": str(lead.score)}) for lead, _f, previous in changed]
    LeadEvent.objects.bulk_create(events, batch_size=CHUNK)
    for lead, _f in new:
        counts[lead.screen]["created"] += 1
    for lead, _f, _p in changed:
        counts[lead.screen]["updated"] += 1
    return counts


def _visible(lead: Lead, actor) -> None:
    if actor is None or not selectors.can_see(actor, lead):
        raise PermissionRefused()


def _transition(*, lead: Lead, actor, name: str, expected_version, note: str = "", data=None, arguments=None):
    _visible(lead, actor)
    return apply_transition(model=Lead, pk=lead.pk, transition=name, actor=actor, expected_version=expected_version,
                            arguments=arguments, note=note, data=data).obj


@transaction.atomic
def start_review(*, lead: Lead, actor, expected_version: int | None = None) -> Lead:
    return _transition(lead=lead, actor=actor, name="start_review", expected_version=expected_version)


@transaction.atomic
def dismiss(*, lead: Lead, actor, reason: str, expected_version: int | None = None) -> Lead:
    """Close a lead as not worth pursuing; the reason is required and kept in the history."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason for dismissing the lead."))
    return _transition(lead=lead, actor=actor, name="dismiss", expected_version=expected_version, note=reason,
                       arguments={"reason": reason})


def _case_facts(lead: Lead) -> str:
    entities = ", ".join(f"{e.name}（{e.code}）" for e in lead.entities.all()[:20])
    projects = ", ".join(f"{p.code} {p.name}" for p in lead.projects.all()[:20])
    lines = [lead.summary, "", _("Screen: %(screen)s; score %(score)s.") % {
        "screen": lead.get_screen_display(), "score": lead.score}]
    if entities:
        lines.append(_("Firms: %(list)s") % {"list": entities})
    if projects:
        lines.append(_("Tenders: %(list)s") % {"list": projects})
    lines.append(_("Evidence: %(json)s") % {"json": json.dumps(lead.evidence, ensure_ascii=False)[:4000]})
    return "\n".join(lines)


@transaction.atomic
def convert_to_case(*, lead: Lead, actor, expected_version: int | None = None):
    """Open a report case (channel "monitoring", no outside filer) from the lead, through the cases
    services, so it enters the office's intake queue; the lead records the case."""
    _visible(lead, actor)
    locked = Lead.objects.select_for_update().get(pk=lead.pk)
    if not locked.is_open:
        raise ActionNotAllowed()
    if not actor.has_perm("monitoring.handle_lead"):
        raise PermissionRefused()
    with translation.override("zh-hans"):
        title = _("Monitoring lead #%(pk)s: %(screen)s") % {"pk": locked.pk, "screen": locked.get_screen_display()}
        facts = _case_facts(locked)
    case = open_case(kind=Kind.REPORT, channel=Channel.MONITORING, actor=actor, title=title[:200], facts=facts,
                     department=locked.department, project=locked.projects.order_by("pk").first(),
                     respondent=locked.entities.order_by("pk").first(), source_reference=f"lead:{locked.pk}")
    return _transition(lead=locked, actor=actor, name="convert", expected_version=expected_version,
                       note=case.number, data={"case": case.pk, "case_number": case.number},
                       arguments={"case": case})


def lead_targets(lead: Lead) -> list[InspectionTarget]:
    """The inspection targets behind a lead's firms and tenders."""
    return list(InspectionTarget.objects.filter(entity__in=lead.entities.all()).order_by("pk")) + list(
        InspectionTarget.objects.filter(project__in=lead.projects.all()).order_by("pk"))


@transaction.atomic
def raise_risk(*, lead: Lead, actor, reason: str = "", expected_version: int | None = None) -> Lead:
    """Raise the risk grade of the lead's inspection targets one step through the inspections
    services (each with its own target event), so the next draw samples them at the higher ratio."""
    _visible(lead, actor)
    targets = lead_targets(lead)
    if not targets:
        raise DomainError(_("None of the lead's firms or tenders is in the inspection target directory."))
    lead = _transition(lead=lead, actor=actor, name="raise_risk", expected_version=expected_version,
                       note=reason, data={"targets": [t.pk for t in targets]})
    with translation.override("zh-hans"):
        why = reason.strip() or _("Monitoring lead #%(pk)s: %(screen)s") % {
            "pk": lead.pk, "screen": lead.get_screen_display()}
    grades = {}
    for target in targets:
        raised = target_services.raise_risk(target=target, actor=actor, reason=why, source=f"lead:{lead.pk}")
        grades[target.pk] = raised.risk_grade
    lead.risk_targets.add(*targets)
    return lead
