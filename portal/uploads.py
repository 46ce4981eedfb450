"""Every uploaded file passes here before it is stored: one allow-list, type by content (never by
name or the browser's claim), size caps, safe names, archives inspected without extracting them,
PDFs with active content refused, images re-encoded without their metadata and trailing bytes,
and an optional ClamAV scan. `check_upload()` returns what may be stored or raises a
ValidationError with a message for the person who uploaded the file."""

from __future__ import annotations

import io
import logging
import re
import socket
import struct
import unicodedata
import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, ImageOps, UnidentifiedImageError

logger = logging.getLogger(__name__)

FIELD = "attachments"
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_FILES_PER_UPLOAD = 10
MAX_NAME_LENGTH = 100
# Archives (plain ZIP and the ZIP inside office documents) are read, never extracted.
MAX_ARCHIVE_ENTRIES = 1000
MAX_ARCHIVE_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
# Images beyond this many pixels are refused before decoding (decompression bombs).
MAX_IMAGE_PIXELS = 60_000_000

# Detected type -> extensions a file of that type may carry. RAR and 7z are left out: they cannot
# be inspected here, so a ZIP is asked for instead.
ALLOWED_TYPES = {
    "pdf": {"pdf"}, "jpg": {"jpg", "jpeg"}, "png": {"png"}, "gif": {"gif"}, "bmp": {"bmp"},
    "tif": {"tif", "tiff"}, "webp": {"webp"}, "heic": {"heic"},
    "doc": {"doc", "xls", "ppt", "wps", "et"},  # OLE2 containers look alike
    "xls": {"xls", "doc", "ppt", "et"}, "ppt": {"ppt", "doc", "xls"},
    "docx": {"docx"}, "xlsx": {"xlsx"}, "pptx": {"pptx"}, "odt": {"odt"}, "ods": {"ods"},
    "rtf": {"rtf"}, "zip": {"zip"},
    "mp3": {"mp3"}, "m4a": {"m4a"}, "amr": {"amr"}, "wav": {"wav"}, "mp4": {"mp4"}, "mov": {"mov"},
}
ZIP_BASED = {"zip", "docx", "xlsx", "pptx", "odt", "ods"}


@dataclass(frozen=True)
class UploadKind:
    """What one kind of upload accepts: detected types from the allow-list, and how to say so."""

    types: frozenset[str]
    refusal: Promise  # "%(name)s is not ..." in the user's words


CASE_EVIDENCE = UploadKind(frozenset(ALLOWED_TYPES), gettext_lazy(
    "%(name)s is not an accepted file type (PDF, images, Word/Excel documents, archives, audio or video)."))
INSPECTION_EVIDENCE = UploadKind(frozenset({"pdf", "jpg", "png", "webp", "docx", "xlsx", "zip"}), gettext_lazy(
    "%(name)s is not an accepted file type: upload a PDF, JPEG, PNG, WebP, Word, Excel or ZIP file."))
# Pillow format to store each image type in, and the extension that goes with it.
IMAGE_OUTPUT = {
    "jpg": ("JPEG", "jpg"), "png": ("PNG", "png"), "gif": ("GIF", "gif"), "bmp": ("PNG", "png"),
    "tif": ("TIFF", "tif"), "webp": ("WEBP", "webp"), "heic": ("JPEG", "jpg"),
}
# Names that make a PDF run code, open other files or carry files of its own.
PDF_ACTIVE_KEYS = {"/JavaScript", "/JS", "/Launch", "/EmbeddedFile", "/EmbeddedFiles", "/RichMedia", "/XFA"}
PDF_ACTIVE_VALUES = {"/JavaScript", "/Launch", "/EmbeddedFile", "/FileAttachment", "/RichMedia", "/ImportData",
                     "/SubmitForm"}
ARCHIVE_EXTENSIONS_INSIDE = {"zip", "rar", "7z", "gz", "tgz", "bz2", "xz", "tar", "cab", "iso"}
EXECUTABLE_EXTENSIONS_INSIDE = {"exe", "dll", "com", "scr", "bat", "cmd", "ps1", "vbs", "js", "jar", "msi", "lnk",
                                "hta", "sh", "apk"}


@dataclass(frozen=True)
class CheckedFile:
    name: str  # sanitised, with the extension of the stored content
    content_type: str
    content: object  # a File to store: the upload itself, or re-encoded image bytes
    size: int


def check_batch(files) -> None:
    if len(files) > MAX_FILES_PER_UPLOAD:
        raise ValidationError({FIELD: _("At most %(max)s files can be uploaded at once; %(count)s were given.")
                               % {"max": MAX_FILES_PER_UPLOAD, "count": len(files)}})


def check_upload(upload, *, field: str = FIELD, accepted: UploadKind = CASE_EVIDENCE) -> CheckedFile:
    """Refuse what `accepted` does not allow (by content), with messages under `field`."""
    name = sanitise_name(getattr(upload, "name", "") or "")
    size = upload.size
    if size > MAX_FILE_BYTES:
        raise ValidationError({field: _("%(name)s is larger than 20 MB.") % {"name": name}})
    if size == 0:
        raise ValidationError({field: _("%(name)s is empty.") % {"name": name}})
    data = _read_all(upload)
    kind = filetype.guess(data[:8192])
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if kind is not None and kind.extension in ("rar", "7z"):
        raise ValidationError({field: _("%(name)s is a RAR or 7z archive, which cannot be checked. Please pack the files as a ZIP archive.")
                               % {"name": name}})
    if kind is None or kind.extension not in accepted.types:
        raise ValidationError({field: str(accepted.refusal) % {"name": name}})
    if extension not in ALLOWED_TYPES[kind.extension]:
        raise ValidationError({field: _(
            "The content of %(name)s does not match its extension (it looks like a .%(real)s file)."
        ) % {"name": name, "real": kind.extension}})
    content, mime = upload, kind.mime
    if kind.extension in ZIP_BASED:
        _check_archive(name, data, office=kind.extension != "zip")
    elif kind.extension == "pdf":
        _check_pdf(name, data)
    elif kind.extension in IMAGE_OUTPUT:
        data, name, mime = _reencode_image(name, data, kind.extension)
        content = ContentFile(data, name=name)
    scan_for_malware(name, data)
    upload.seek(0)
    return CheckedFile(name=name, content_type=mime, content=content, size=len(data))


def sanitise_name(raw: str) -> str:
    """A file name safe to show and to store: no directories, control or reserved characters,
    no leading dots, at most MAX_NAME_LENGTH characters with the extension kept."""
    name = unicodedata.normalize("NFKC", raw.replace("\\", "/")).rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = re.sub(r'[<>:"|?*\x00]', "_", name).strip().lstrip(".").strip()
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    extension = re.sub(r"[^A-Za-z0-9]", "", extension)[:10]
    stem = stem.strip() or "file"
    room = MAX_NAME_LENGTH - (len(extension) + 1 if extension else 0)
    return f"{stem[:room]}.{extension}" if extension else stem[:MAX_NAME_LENGTH]


def _read_all(upload) -> bytes:
    upload.seek(0)
    data = b"".join(upload.chunks()) if hasattr(upload, "chunks") else upload.read()
    upload.seek(0)
    return data


def _check_archive(name: str, data: bytes, *, office: bool) -> None:
    refuse = ValidationError({FIELD: _("%(name)s is a damaged or unsafe archive (too large when unpacked, "
                                       "paths outside the archive, encrypted or nested content).") % {"name": name}})
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise refuse from exc
    if len(entries) > MAX_ARCHIVE_ENTRIES:
        raise refuse
    unpacked = 0
    for entry in entries:
        path = entry.filename.replace("\\", "/")
        if path.startswith("/") or re.match(r"^[A-Za-z]:", path) or ".." in path.split("/"):
            raise refuse
        if entry.flag_bits & 0x1:  # encrypted: its content cannot be checked
            raise refuse
        unpacked += entry.file_size
        if unpacked > MAX_ARCHIVE_UNPACKED_BYTES:
            raise refuse
        if entry.compress_size and entry.file_size / entry.compress_size > MAX_COMPRESSION_RATIO:
            raise refuse
        inner = path.rsplit(".", 1)[-1].lower() if "." in path.rsplit("/", 1)[-1] else ""
        if office and path.lower().endswith("vbaproject.bin"):
            raise ValidationError({FIELD: _("%(name)s contains macros. Please save it without macros (as .docx or .xlsx) and upload it again.")
                                   % {"name": name}})
        if not office and (inner in ARCHIVE_EXTENSIONS_INSIDE or inner in EXECUTABLE_EXTENSIONS_INSIDE):
            raise refuse


def _check_pdf(name: str, data: bytes) -> None:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

    unreadable = ValidationError({FIELD: _("%(name)s is not a readable PDF file.") % {"name": name}})
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise ValidationError({FIELD: _("%(name)s is encrypted. Please upload it without a password.") % {"name": name}})
        numbers = {num for nums in reader.xref.values() for num in nums} | set(reader.xref_objStm)
        objects = [reader.get_object(IndirectObject(num, 0, reader)) for num in sorted(numbers)]
        objects.append(reader.trailer)
    except ValidationError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        raise unreadable from exc
    stack = list(objects)
    while stack:
        item = stack.pop()
        if isinstance(item, (DictionaryObject, StreamObject)):
            if PDF_ACTIVE_KEYS & set(item.keys()) or any(
                    str(item.get(key, "")) in PDF_ACTIVE_VALUES for key in ("/S", "/Type", "/Subtype")):
                raise ValidationError({FIELD: _(
                    "%(name)s contains scripts, embedded files or actions that open other programs. "
                    "Please print it to a plain PDF and upload that.") % {"name": name}})
            stack.extend(value for value in item.values() if isinstance(value, (DictionaryObject, ArrayObject)))
        elif isinstance(item, ArrayObject):
            stack.extend(value for value in item if isinstance(value, (DictionaryObject, ArrayObject)))


def _reencode_image(name: str, data: bytes, detected: str) -> tuple[bytes, str, str]:
    """Decodes the picture and writes it again: metadata (EXIF with GPS position), comments and
    anything appended after the image data are gone; orientation is applied to the pixels."""
    if detected == "heic":
        from pillow_heif import register_heif_opener

        register_heif_opener()
    refuse = ValidationError({FIELD: _("%(name)s is not a readable image.") % {"name": name}})
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.width * probe.height > MAX_IMAGE_PIXELS:
                raise ValidationError({FIELD: _("%(name)s has too many pixels.") % {"name": name}})
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            pillow_format, extension = IMAGE_OUTPUT[detected]
            frames = [ImageOps.exif_transpose(frame.copy()) for frame in _frames(image)]
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise refuse from exc
    first = frames[0]
    if pillow_format == "JPEG" and first.mode not in ("RGB", "L"):
        frames = [frame.convert("RGB") for frame in frames]
        first = frames[0]
    output = io.BytesIO()
    options = {"JPEG": {"quality": 90}, "TIFF": {"compression": "tiff_deflate"}}.get(pillow_format, {})
    if len(frames) > 1 and pillow_format in ("GIF", "TIFF", "WEBP"):
        options["save_all"], options["append_images"] = True, frames[1:]
    first.save(output, format=pillow_format, **options)
    stem, _dot, current = name.rpartition(".")
    if current.lower() not in ALLOWED_TYPES[extension]:  # e.g. a BMP stored as PNG
        name = f"{stem or current}.{extension}"
    return output.getvalue(), name, Image.MIME[pillow_format]


def _frames(image):
    for index in range(getattr(image, "n_frames", 1)):
        image.seek(index)
        yield image


# --- ClamAV ---------------------------------------------------------------------------------

class ScannerUnavailable(Exception):
    pass


def clamd_configured() -> bool:
    return bool(settings.CLAMD_SOCKET or settings.CLAMD_HOST)


def scan_for_malware(name: str, data: bytes) -> None:
    """With CLAMD_SOCKET or CLAMD_HOST set, clamd scans the file (INSTREAM); a finding refuses
    it, and so does an unreachable scanner (the filer can try again: nothing else is lost)."""
    if not clamd_configured():
        return
    try:
        verdict = clamd_instream(data)
    except (OSError, ScannerUnavailable) as exc:
        logger.error("clamd scan failed: %s", exc)
        raise ValidationError({FIELD: _("%(name)s could not be checked for viruses just now. Please try again later.")
                               % {"name": name}}) from exc
    if verdict.endswith("FOUND"):
        logger.warning("clamd refused an upload: %s", verdict)
        raise ValidationError({FIELD: _("%(name)s was refused by the virus scanner.") % {"name": name}})
    if not verdict.endswith("OK"):
        raise ValidationError({FIELD: _("%(name)s could not be checked for viruses just now. Please try again later.")
                               % {"name": name}})


def clamd_instream(data: bytes, chunk_size: int = 64 * 1024) -> str:
    """clamd's INSTREAM command (documented in clamd(8)): length-prefixed chunks, a zero-length
    chunk to finish, one reply line such as 'stream: OK' or 'stream: Eicar-Signature FOUND'."""
    if settings.CLAMD_SOCKET:
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        address = settings.CLAMD_SOCKET
    else:
        connection = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        address = (settings.CLAMD_HOST, settings.CLAMD_PORT)
    connection.settimeout(settings.CLAMD_TIMEOUT)
    with connection:
        connection.connect(address)
        connection.sendall(b"zINSTREAM\0")
        for start in range(0, len(data), chunk_size):
            chunk = data[start:start + chunk_size]
            connection.sendall(struct.pack("!L", len(chunk)) + chunk)
        connection.sendall(struct.pack("!L", 0))
        reply = b""
        while not reply.endswith(b"\0"):
            part = connection.recv(4096)
            if not part:
                break
            reply += part
    if not reply:
        raise ScannerUnavailable("empty reply")
    return reply.rstrip(b"\0").decode("utf-8", "replace").strip()

