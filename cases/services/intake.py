"""Intake: filing a case (public form, staff entry, other apps) and attachments."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import access_codes, deadlines
from cases.models import Attachment, Case, CaseNumberSequence, Channel, FilerType, Kind
from cases.models.choices import NUMBER_PREFIX
from cases.services._base import FILER, SYSTEM, notify_filer, notify_staff, office_intake, save
from directory.identifiers import is_valid_id_number, validate_credit_code
from portal import uploads
from portal.audit import record_event
from portal.errors import PermissionRefused

MAX_FILES_PER_CASE = 20
# Type, size, name and content checks of each file: portal.uploads (the one allow-list).


@dataclass(frozen=True)
class SubmittedCase:
    case: Case
    access_code: str  # shown once to the filer; only its hash is stored


def _next_number(kind: str, year: int) -> str:
    # One statement creates the year's counter or takes the next value under its row lock, held
    # until the filing commits (PostgreSQL and SQLite both speak ON CONFLICT … RETURNING).
    table = connection.ops.quote_name(CaseNumberSequence._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (kind, year, last_value) VALUES (%s, %s, 1) "  # noqa: S608 - the model's table
            f"ON CONFLICT (kind, year) DO UPDATE SET last_value = {table}.last_value + 1 RETURNING last_value",
            [kind, year],
        )
        (last_value,) = cursor.fetchone()
    return f"{NUMBER_PREFIX[kind]}{year}{last_value:06d}"


def _validate_filer(data: dict) -> None:
    kind, errors = data["kind"], {}
    if kind == Kind.COMPLAINT:
        if data["is_anonymous"]:
            errors["is_anonymous"] = _("A complaint must be filed under your real name.")
        if data["filer_type"] == FilerType.ORGANISATION:
            try:
                validate_credit_code(data["filer_credit_code"])
            except ValidationError as error:
                errors["filer_credit_code"] = error.messages
            if not data["filer_legal_representative"].strip():
                errors["filer_legal_representative"] = _("An organisation's complaint needs its legal representative.")
        elif not is_valid_id_number(data["filer_id_number"]):
            errors["filer_id_number"] = _("Enter a valid 18-character resident identity card number.")
        if not (data["project"] or data["project_text"].strip()):
            errors["project_text"] = _("Name the trading project the complaint is about.")
        if not data["matter_type"]:
            errors["matter_type"] = _("Choose what the complaint is about.")
    if not data["is_anonymous"]:
        if not data["filer_name"].strip():
            errors["filer_name"] = _("Enter your name, or file the report anonymously.")
        if not (data["filer_phone"].strip() or data["filer_email"].strip() or data["filer_address"].strip()):
            errors["filer_phone"] = _("Give at least one way to reach you: phone, e-mail or address.")
    if kind != Kind.REPORT and data["is_anonymous"] and "is_anonymous" not in errors:
        errors["is_anonymous"] = _("Only reports may be anonymous.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def submit_case(
    *, kind, channel, actor=None, filer_user=None, filer_type=FilerType.PERSON, filer_name="", filer_id_number="",
    filer_credit_code="", filer_legal_representative="", filer_phone="", filer_email="", filer_address="",
    is_anonymous=False, is_confidential=False, project=None, project_text="", respondent=None,
    respondent_text="", matter_type="", title, facts, requests="", knew_on=None, objection_raised_on=None,
    objection_reply="", objection_replied_on=None, source_reference="", department=None, attachments=(),
    received_at=None, deadline_track=None,
) -> SubmittedCase:
    """File a case from the public form (online/API) or enter one on paper, phone or referral
    (actor = staff with `cases.enter_case`). Returns the case and its one-time access code."""
    if channel not in (Channel.ONLINE, Channel.API) and (actor is None or not actor.has_perm("cases.enter_case")):
        raise PermissionRefused(_("Only office staff may enter paper, phone or referral filings."))
    if is_anonymous:
        filer_type, filer_name, filer_id_number, filer_credit_code, filer_legal_representative = FilerType.PERSON, "", "", "", ""
    data = {
        "kind": kind, "filer_type": filer_type, "filer_name": filer_name or "", "filer_id_number": (filer_id_number or "").upper(),
        "filer_credit_code": (filer_credit_code or "").strip().upper(),
        "filer_legal_representative": filer_legal_representative or "", "filer_phone": filer_phone or "",
        "filer_email": filer_email or "", "filer_address": filer_address or "", "is_anonymous": bool(is_anonymous),
        "project": project, "project_text": project_text or "", "matter_type": matter_type or "",
    }
    _validate_filer(data)
    _check_upload_batch(attachments)
    code = access_codes.new_code()
    received_at = received_at or deadlines.now()
    case = Case(
        **data, number="", channel=channel, filer_user=filer_user if filer_user and filer_user.is_authenticated else None,
        is_confidential=bool(is_confidential or is_anonymous), respondent=respondent, respondent_text=respondent_text or "",
        title=(title or "").strip(), facts=(facts or "").strip(), requests=requests or "", knew_on=knew_on,
        objection_raised_on=objection_raised_on, objection_reply=objection_reply or "",
        objection_replied_on=objection_replied_on, source_reference=source_reference or "", department=department,
        received_at=received_at, access_code_hash=access_codes.hash_code(code),
        deadline_track=deadline_track or deadlines.track_for(kind=kind, project=project),
    )
    case.full_clean(exclude=["number", "state"])
    case.number = _next_number(kind, timezone.localdate(received_at).year)
    deadlines.set_intake_deadlines(case, counted_from=timezone.localdate(received_at))
    save(case, check_unique=False)  # the number comes from the locked counter; the unique index guards it
    for upload in attachments:
        add_attachment(case=case, file=upload, purpose=Attachment.Purpose.EVIDENCE,
                       uploaded_by=filer_user if filer_user and filer_user.is_authenticated else actor)
    staff_entry = actor is not None and actor.is_authenticated
    record_event(
        case, action="submitted", actor=actor if staff_entry else None,
        actor_label="" if staff_entry else FILER, to_state=case.state,
        note=_("Entered by staff (%(channel)s).") % {"channel": case.get_channel_display()} if staff_entry else "",
        public_note=_("Your filing was received as %(number)s.") % {"number": case.number},
    )
    _announce(case)
    return SubmittedCase(case=case, access_code=code)


def _announce(case: Case) -> None:
    notify_staff(
        case, office_intake(), purpose="submitted",
        subject=_("New %(kind)s %(number)s") % {"kind": case.get_kind_display(), "number": case.number},
        body=_("%(title)s\nDecision on acceptance due %(due)s.") % {
            "title": case.title, "due": case.acceptance_due or "—"},
    )
    notify_filer(
        case, purpose="submitted",
        subject=_("Filing %(number)s received") % {"number": case.number},
        body=_("We received your filing %(number)s. Follow it on the portal with its number and access code.")
        % {"number": case.number},
    )


@transaction.atomic
def open_case(
    *, kind, channel, actor, title, facts, department=None, project=None, respondent=None, source_reference="",
) -> Case:
    """A case opened by staff or another app (monitoring lead, inspection finding, referral) with no
    outside filer. It enters the office's intake queue like any filing."""
    case = Case(
        number="", kind=kind, channel=channel, title=(title or "").strip(), facts=(facts or "").strip(),
        department=department, project=project, respondent=respondent, source_reference=source_reference or "",
        received_at=deadlines.now(), access_code_hash=access_codes.hash_code(access_codes.new_code()),
        deadline_track=deadlines.track_for(kind=kind, project=project), is_confidential=False,
    )
    case.full_clean(exclude=["number", "state"])
    case.number = _next_number(kind, timezone.localdate(case.received_at).year)
    deadlines.set_intake_deadlines(case, counted_from=timezone.localdate(case.received_at))
    save(case)
    record_event(
        case, action="opened", actor=actor, actor_label="" if actor else SYSTEM, to_state=case.state,
        note=_("Opened from %(source)s.") % {"source": source_reference or case.get_channel_display()},
        data={"source_reference": source_reference},
    )
    _announce(case)
    return case


# --- Attachments ----------------------------------------------------------------------------------

def _check_upload_batch(files) -> None:
    uploads.check_batch(files)
    for upload in files:
        uploads.check_upload(upload)


@transaction.atomic
def add_attachment(*, case: Case, file, purpose: str, uploaded_by=None) -> Attachment:
    """Store one file after checking its size, real type (magic bytes) and the per-case limit."""
    checked = uploads.check_upload(file)
    name, file = checked.name, checked.content
    if case.attachments.count() >= MAX_FILES_PER_CASE:
        raise ValidationError({"attachments": _("A case can hold at most %(max)s files; %(name)s was not added.")
                               % {"max": MAX_FILES_PER_CASE, "name": name}})
    digest = hashlib.sha256()
    for chunk in file.chunks() if hasattr(file, "chunks") else [file.read()]:
        digest.update(chunk)
    file.seek(0)
    attachment = Attachment(
        case=case, original_name=name[:200], content_type=checked.content_type, size=checked.size,
        sha256=digest.hexdigest(),
        purpose=purpose, uploaded_by=uploaded_by if uploaded_by is not None and uploaded_by.is_authenticated else None,
        uploaded_at=deadlines.now(),
    )
    attachment.file.save(name, file, save=False)
    attachment.full_clean()
    attachment.save()
    return attachment


@transaction.atomic
def add_attachments(*, case: Case, files, purpose: str, uploaded_by=None) -> list[Attachment]:
    """Several files at once (max 10): all are checked before any is stored."""
    _check_upload_batch(files)
    if case.attachments.count() + len(files) > MAX_FILES_PER_CASE:
        raise ValidationError({"attachments": _("A case can hold at most %(max)s files.") % {"max": MAX_FILES_PER_CASE}})
    return [add_attachment(case=case, file=f, purpose=purpose, uploaded_by=uploaded_by) for f in files]
