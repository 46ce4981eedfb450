"""Real, small files for upload tests, made with the same libraries that check them, and their
dangerous variants (PDFs with scripts, zip bombs, images carrying data after the picture)."""

import io
import zipfile

from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject


def pdf_bytes(*, javascript: str = "", embedded: bytes = b"") -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    if javascript:
        writer._root_object[NameObject("/OpenAction")] = DictionaryObject({
            NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject(javascript)})
    if embedded:
        writer.add_attachment("payload.txt", embedded)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def image_bytes(fmt: str = "PNG", size=(4, 3), exif: bytes | None = None, trailer: bytes = b"") -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    output = io.BytesIO()
    image.save(output, format=fmt, **({"exif": exif} if exif else {}))
    return output.getvalue() + trailer


def zip_bytes(entries: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", compression=compression) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return output.getvalue()


PDF_BYTES = pdf_bytes()
PNG_BYTES = image_bytes("PNG")
