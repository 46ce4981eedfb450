"""Lead exports (csv, xlsx, JSON): one home for what a lead export contains. Callers pass leads
already filtered by monitoring.selectors.visible_leads."""

from __future__ import annotations

import json

import tablib
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from directory.models import MarketEntity, TradingProject
from monitoring.models import Lead

FORMATS = {"csv": "text/csv; charset=utf-8", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
           "json": "application/json"}


def lead_records(leads: QuerySet[Lead]) -> list[dict]:
    """One record per lead: screen code, subjects' credit codes and project codes, score, state,
    department, summary and the structured evidence. Two queries for the subjects, whatever the
    number of leads."""
    leads = leads.select_related("department", "case").prefetch_related(
        Prefetch("entities", queryset=MarketEntity.objects.only("code").order_by("code")),
        Prefetch("projects", queryset=TradingProject.objects.only("code").order_by("code")))
    return [{
        "id": lead.pk, "screen": lead.screen, "score": float(lead.score), "state": lead.state,
        "department": lead.department.code if lead.department else "",
        "entity_codes": [e.code for e in lead.entities.all()], "project_codes": [p.code for p in lead.projects.all()],
        "case_number": lead.case.number if lead.case else "", "found_at": timezone.localtime(lead.created_at).isoformat(),
        "summary": lead.summary, "evidence": lead.evidence,
    } for lead in leads]


def export_leads(leads: QuerySet[Lead], fmt: str) -> bytes:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    records = lead_records(leads)
    if fmt == "json":
        return json.dumps(records, ensure_ascii=False, indent=1).encode()
    dataset = tablib.Dataset(headers=[
        _("Lead"), _("Screen code"), _("Score"), _("State"), _("Department"), _("Firms (credit codes)"),
        _("Tenders (project codes)"), _("Case"), _("Found at"), _("Why it was flagged"), pgettext("lead", "Evidence")])
    for r in records:
        dataset.append([r["id"], r["screen"], r["score"], r["state"], r["department"], " ".join(r["entity_codes"]),
                        " ".join(r["project_codes"]), r["case_number"], r["found_at"], r["summary"],
                        json.dumps(r["evidence"], ensure_ascii=False)])
    data = dataset.export(fmt)
    return data.encode("utf-8-sig") if isinstance(data, str) else data
