"""The text of a decision document (投诉处理决定书), built once and rendered three ways: the
printable back-office page, its PDF (WeasyPrint) and the published decision (publicity redacts
the plain text). Who the complainant is shown as is the caller's business: the page passes the
identity the user may see, publication passes the name and lets redaction mask it."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Case, DecisionDocument, Measure
from cases.models.choices import outcome_label

# Time limits of the legal remedies against an administrative decision: 行政复议法 Art. 20 (60
# days) and 行政诉讼法 Art. 46 (6 months), both from the day the party received the decision.
REVIEW_DAYS = 60
LITIGATION_MONTHS = 6
PDF_TEMPLATE = "cases/decision/document.html"


@dataclass(frozen=True)
class Section:
    heading: str
    text: str


@dataclass(frozen=True)
class DocumentText:
    title: str
    number: str
    parties: list[str]
    sections: list[Section] = field(default_factory=list)
    issuer: str = ""
    issued_on: str = ""
    is_draft: bool = False

    def plain(self) -> str:
        lines = [self.title, self.number, *self.parties]
        for section in self.sections:
            lines.append(f"{section.heading}{section.text}" if section.heading else section.text)
        lines += [self.issuer, self.issued_on]
        return "\n".join(line for line in lines if line)


def chinese_date(day) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def _respondent(case: Case) -> str:
    if case.respondent is not None:
        return case.respondent.name
    return case.respondent_text


def _complainant_lines(case: Case, identity: dict | None) -> list[str]:
    if identity is None:
        return [_("Complainant: (identity not shown)")]
    lines = [_("Complainant: %(name)s") % {"name": identity.get("filer_name") or "—"}]
    if identity.get("filer_legal_representative"):
        lines.append(_("Legal representative: %(name)s") % {"name": identity["filer_legal_representative"]})
    return lines


def _measures(document: DecisionDocument) -> str:
    labels = dict(Measure.choices)
    text = "、".join(str(labels.get(code, code)) for code in document.measures or [])
    if document.fine_amount:
        text += _("; fine of %(amount)s yuan") % {"amount": f"{document.fine_amount:,.2f}"}
    return text


def review_notice() -> str:
    return _(
        "If a party does not accept this decision, it may apply for administrative review within %(days)s days "
        "from the day it received this decision, or bring an administrative lawsuit before a people's court within "
        "%(months)s months from that day."
    ) % {"days": REVIEW_DAYS, "months": LITIGATION_MONTHS}


def document_text(document: DecisionDocument, *, identity: dict | None) -> DocumentText:
    """`identity`: the complainant's identity as the reader may see it (None: hidden)."""
    case = document.case
    project = case.project.name if case.project else case.project_text
    received = chinese_date(timezone.localdate(case.received_at)) if case.received_at else ""
    accepted = chinese_date(timezone.localdate(case.accepted_at)) if case.accepted_at else ""
    parties = _complainant_lines(case, identity)
    respondent = _respondent(case)
    if respondent:
        parties.append(_("Respondent: %(name)s") % {"name": respondent})
    opening = _(
        "The complainant filed a complaint about %(matter)s of “%(project)s” on %(received)s; it was "
        "accepted on %(accepted)s and has been examined."
    ) % {
        "matter": case.get_matter_type_display() or case.title,
        "project": project or case.title,
        "received": received,
        "accepted": accepted or received,
    }
    sections = [Section("", opening)]
    if case.requests:
        sections.append(Section(_("The complainant requests: "), case.requests))
    if document.facts_found:
        sections.append(Section(_("Facts found: "), document.facts_found))
    sections.append(Section(_("This authority holds: "), document.reasoning))
    decision = _("Under %(basis)s, it is decided: %(outcome)s.") % {
        "basis": document.legal_basis or "—",
        "outcome": outcome_label(case.kind, document.outcome),
    }
    sections.append(Section("", decision))
    measures = _measures(document)
    if measures:
        sections.append(Section(_("Measures: "), measures))
    sections.append(Section("", review_notice()))
    department = document.department or case.department
    return DocumentText(
        title=_("Decision on a complaint"),
        number=document.number or _("(number given on approval)"),
        parties=parties,
        sections=sections,
        issuer=department.name if department else "",
        issued_on=chinese_date(document.issued_on),
        is_draft=not document.is_issued,
    )


def render_html(document: DecisionDocument, *, identity: dict | None, extra: dict | None = None) -> str:
    return render_to_string(
        PDF_TEMPLATE,
        {
            "doc": document_text(document, identity=identity),
            "document": document,
            **(extra or {}),
        },
    )


def refuse_fetching(url, *args, **kwargs):
    """The PDF never loads anything from the network or the disk: fonts come from the system."""
    raise ValueError(f"decision PDFs load no external resources ({url})")


class PdfUnavailable(RuntimeError):
    """This server lacks the system libraries WeasyPrint needs (Pango)."""


def render_pdf(document: DecisionDocument, *, identity: dict | None) -> bytes:
    try:
        from weasyprint import HTML
    except OSError as exc:  # WeasyPrint loads Pango when imported
        raise PdfUnavailable(str(exc)) from exc

    return HTML(string=render_html(document, identity=identity), url_fetcher=refuse_fetching).write_pdf()
