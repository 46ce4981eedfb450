"""The one home of upload type checks: a file's real type is sniffed from its first bytes
(`filetype`) and must be on the one allow-list below, under a matching extension."""

from __future__ import annotations

import os
from dataclasses import dataclass

import filetype
from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# The allow-list: detected type -> extensions a file of that type may carry.
ALLOWED_TYPES = {
    "pdf": {"pdf"}, "jpg": {"jpg", "jpeg"}, "png": {"png"}, "gif": {"gif"}, "bmp": {"bmp"},
    "tif": {"tif", "tiff"}, "webp": {"webp"}, "heic": {"heic"},
    "doc": {"doc", "xls", "ppt", "wps", "et"},  # OLE2 containers look alike
    "xls": {"xls", "doc", "ppt", "et"}, "ppt": {"ppt", "doc", "xls"},
    "docx": {"docx"}, "xlsx": {"xlsx"}, "pptx": {"pptx"}, "odt": {"odt"}, "ods": {"ods"},
    "rtf": {"rtf"}, "zip": {"zip"}, "rar": {"rar"}, "7z": {"7z"},
    "mp3": {"mp3"}, "m4a": {"m4a"}, "amr": {"amr"}, "wav": {"wav"}, "mp4": {"mp4"}, "mov": {"mov"},
}


@dataclass(frozen=True)
class UploadKind:
    """What one kind of upload accepts: detected types from the allow-list, and how to say so."""

    types: frozenset[str]
    refusal: Promise  # "%(name)s is not ..." in the user's words


CASE_EVIDENCE = UploadKind(frozenset(ALLOWED_TYPES), gettext_lazy(
    "%(name)s is not an accepted file type (PDF, images, Word/Excel documents, archives, audio or video)."))
INSPECTION_EVIDENCE = UploadKind(frozenset({"pdf", "jpg", "png", "webp", "docx", "xlsx", "zip"}), gettext_lazy(
    "%(name)s is not an accepted file type: upload a PDF, JPEG, PNG, WebP, Word, Excel or ZIP file."))


def check_upload(upload, *, field: str, accepted: UploadKind = CASE_EVIDENCE) -> tuple[str, str]:
    """Refuse an empty, oversized or unaccepted file (by content, not by name) with a message
    under `field`; return its base name and sniffed MIME type."""
    name = os.path.basename(getattr(upload, "name", "") or "file")
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError({field: _("%(name)s is larger than 20 MB.") % {"name": name}})
    if upload.size == 0:
        raise ValidationError({field: _("%(name)s is empty.") % {"name": name}})
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.extension not in accepted.types:
        raise ValidationError({field: str(accepted.refusal) % {"name": name}})
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ALLOWED_TYPES[kind.extension]:
        raise ValidationError({field: _(
            "The content of %(name)s does not match its extension (it looks like a .%(real)s file)."
        ) % {"name": name, "real": kind.extension}})
    return name, kind.mime
