"""Publishing a decided complaint's decision (投诉处理结果向社会公开, DESIGN §3) in one action.

The text is assembled from the case and goes through `publish_disclosure`, so it is redacted like
every other disclosure, with everything the case holds about its people: the filer (a natural
person: name, ID number, phone, e-mail, address; an organisation's contact details), legal
representatives and the staff who handled the case. The respondent organisation and the project
stay public.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cases.decision_document import document_text
from cases.models import Measure, State
from cases.selectors import identity_of, issued_document
from portal.errors import ActionNotAllowed
from publicity.models import Disclosure
from publicity.services import preview_redaction, publish_disclosure

PUBLISHABLE_STATES = (State.DECIDED, State.REPLIED, State.CLOSED)


@dataclass(frozen=True)
class DecisionDraft:
    """What will be published for a case, before redaction."""

    title: str
    body: str
    personal_values: tuple[str, ...]


def personal_values_of(case) -> tuple[str, ...]:
    """Everything the case holds about natural persons, for redaction."""
    values = [case.filer_legal_representative, case.filer_id_number, case.filer_phone, case.filer_email,
              case.filer_address]
    if case.filer_type == "person":
        values.append(case.filer_name)
    if case.filer_user is not None:
        values += [case.filer_user.get_full_name(), case.filer_user.email]
    for user in (case.handler, case.proposed_by, case.approved_by):
        if user is None:
            continue
        values += [user.get_full_name(), user.email]
        profile = getattr(user, "staff_profile", None)
        if profile is not None:
            values += [profile.full_name, profile.phone]
    return tuple(sorted({value.strip() for value in values if value and value.strip()}))


def _filer_line(case) -> str:
    if case.is_anonymous or case.is_confidential:
        return _("Complainant: (not disclosed)")
    return _("Complainant: %(name)s") % {"name": case.filer_name}


def check_publishable(case) -> None:
    if case.kind != "complaint":
        raise ActionNotAllowed(_("Only complaint decisions are published; reports and suggestions are not."))
    if case.state not in PUBLISHABLE_STATES or not case.outcome or not case.decision_text.strip():
        raise ActionNotAllowed(_("The complaint has no approved decision yet."))


def decision_draft(case) -> DecisionDraft:
    """The decision as it would be published, before redaction; the case must be decided. With an
    issued decision document (投诉处理决定书) that is its text; older decisions are assembled from
    the case."""
    check_publishable(case)
    subject = case.project.name if case.project else (case.project_text or case.title)
    title = _("Decision on the complaint about %(subject)s") % {"subject": subject}
    document = issued_document(case)
    if document is not None:
        identity = None if case.is_anonymous or case.is_confidential else identity_of(case)
        return DecisionDraft(title=title, body=document_text(document, identity=identity).plain(),
                             personal_values=personal_values_of(case))
    project = (f"{case.project.code} {case.project.name}" if case.project else case.project_text) or ""
    respondent = case.respondent.name if case.respondent else case.respondent_text
    lines = [_filer_line(case)]
    if respondent:
        lines.append(_("Respondent: %(name)s") % {"name": respondent})
    if project:
        lines.append(_("Project: %(project)s") % {"project": project})
    if case.matter_type:
        lines.append(_("Matter: %(matter)s") % {"matter": case.get_matter_type_display()})
    lines.append(_("Outcome: %(outcome)s") % {"outcome": case.outcome_label})
    measure_labels = dict(Measure.choices)
    measures = [str(measure_labels.get(code, code)) for code in case.measures or []]
    if measures:
        lines.append(_("Measures: %(measures)s") % {"measures": "、".join(measures)})
    if case.fine_amount:
        lines.append(_("Fine: %(amount)s yuan") % {"amount": f"{case.fine_amount:,.2f}"})
    lines.append(_("Decision: %(text)s") % {"text": case.decision_text.strip()})
    return DecisionDraft(
        title=title,
        body="\n".join(lines),
        personal_values=personal_values_of(case),
    )


def public_language():
    """Published text is in the site's default language (Chinese), whoever publishes it."""
    return translation.override(settings.LANGUAGE_CODE)


def decision_preview(case) -> tuple[str, str]:
    """The exact redacted title and text the public will see."""
    with public_language():
        draft = decision_draft(case)
    entity = case.respondent
    return (preview_redaction(text=draft.title, entity=entity, personal_values=draft.personal_values),
            preview_redaction(text=draft.body, entity=entity, personal_values=draft.personal_values))


@transaction.atomic
def publish_complaint_decision(*, case, actor, publish_from: dt.date | None = None,
                               document_number: str = "") -> Disclosure:
    """Publish the decision of a decided complaint (decided, replied or closed). Publishing the
    same case again revises the existing disclosure (see publish_disclosure)."""
    with public_language():
        draft = decision_draft(case)
        source_label = _("Case %(number)s") % {"number": case.number}
    decided_on = timezone.localdate(case.decided_at) if case.decided_at else None
    document = issued_document(case)
    if document is not None and not document_number:
        document_number = document.number
    return publish_disclosure(
        kind=Disclosure.Kind.COMPLAINT_DECISION,
        title=draft.title,
        body=draft.body,
        department=case.department,
        entity=case.respondent,
        project=case.project,
        document_number=document_number,
        decided_on=decided_on,
        publish_from=publish_from,
        source=case,
        source_label=source_label,
        personal_values=draft.personal_values,
        actor=actor,
    )
