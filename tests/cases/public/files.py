"""Small upload fixtures: real magic bytes, and disguised files."""

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories.files import PDF_BYTES, PNG_BYTES

EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


def pdf(name="evidence.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def png(name="photo.png"):
    return SimpleUploadedFile(name, PNG_BYTES, content_type="image/png")


def exe_as_pdf(name="invoice.pdf"):
    return SimpleUploadedFile(name, EXE_BYTES, content_type="application/pdf")


def oversized_pdf(name="big.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES + b"0" * (20 * 1024 * 1024), content_type="application/pdf")
