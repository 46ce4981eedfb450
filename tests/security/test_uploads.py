"""Item 10: uploads checked by content in one place (portal.uploads): archives inspected without
unpacking, PDFs with active content refused, images re-encoded, names sanitised, caps, the
optional clamd scan, and downloads only as attachments through the checked view."""

import io
import os
import socket
import struct
import threading
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from portal import uploads
from tests.factories.files import PDF_BYTES, PNG_BYTES, image_bytes, pdf_bytes, zip_bytes


def upload(name, data):
    return SimpleUploadedFile(name, data)


def refused(name, data) -> str:
    with pytest.raises(ValidationError) as error:
        uploads.check_upload(upload(name, data))
    return " ".join(error.value.message_dict["attachments"])


def test_a_plain_pdf_and_picture_pass():
    checked = uploads.check_upload(upload("投诉书.pdf", PDF_BYTES))
    assert (checked.name, checked.content_type) == ("投诉书.pdf", "application/pdf")
    assert uploads.check_upload(upload("现场.png", PNG_BYTES)).content_type == "image/png"


def test_type_comes_from_the_content_not_the_name():
    assert "扩展名不符" in refused("photo.pdf", PNG_BYTES)
    assert refused("tool.pdf", b"MZ\x90\x00" + b"\x00" * 300)
    assert refused("page.html", b"<html><script>alert(1)</script></html>")


@pytest.mark.parametrize("javascript, embedded", [("app.alert('pwned')", b""), ("", b"MZ hidden executable")])
def test_pdfs_with_scripts_or_embedded_files_are_refused(javascript, embedded):
    message = refused("evidence.pdf", pdf_bytes(javascript=javascript, embedded=embedded))
    assert "脚本" in message


def test_a_broken_pdf_is_refused():
    assert "PDF" in refused("evidence.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")


def test_images_are_reencoded_without_metadata_or_appended_payloads():
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    exif[0x8825] = {2: (31.0, 14.0, 0.0)}  # GPS latitude
    data = image_bytes("JPEG", size=(40, 30), exif=exif.tobytes(), trailer=b"PK\x03\x04 hidden zip after the picture")
    checked = uploads.check_upload(upload("site.jpg", data))
    stored = checked.content.read()
    assert b"hidden zip" not in stored and b"CameraMaker" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.size == (40, 30)
        assert not image.getexif()


def test_a_bmp_is_stored_as_png():
    checked = uploads.check_upload(upload("scan.bmp", image_bytes("BMP")))
    assert (checked.name, checked.content_type) == ("scan.png", "image/png")


def test_an_image_that_does_not_decode_is_refused():
    assert refused("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)


def test_a_zip_of_documents_passes():
    uploads.check_upload(upload("evidence.zip", zip_bytes({"a/contract.pdf": PDF_BYTES, "b/photo.png": PNG_BYTES})))


@pytest.mark.parametrize("entries", [
    {"../../etc/cron.d/job": b"x"},
    {"/absolute/path.txt": b"x"},
    {"inner.zip": b"PK"},
    {"setup.exe": b"MZ"},
    {"bomb.txt": b"0" * (5 * 1024 * 1024)},  # compresses more than 100:1
])
def test_unsafe_archives_are_refused(entries):
    assert "压缩包" in refused("evidence.zip", zip_bytes(entries))


def test_an_archive_too_large_when_unpacked_is_refused(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_ARCHIVE_UNPACKED_BYTES", 1000)
    assert refused("evidence.zip", zip_bytes({"a.txt": os.urandom(600), "b.txt": os.urandom(600)},
                                             compression=zipfile.ZIP_STORED))


def test_rar_archives_are_refused_with_a_hint():
    assert "ZIP" in refused("evidence.rar", b"Rar!\x1a\x07\x01\x00" + b"\x00" * 100)


def test_office_files_with_macros_are_refused():
    docx = zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>",
                      "word/vbaProject.bin": b"macro"})
    assert "宏" in refused("letter.docx", docx)


def test_size_and_count_caps():
    assert "20 MB" in refused("big.pdf", PDF_BYTES + b"0" * (20 * 1024 * 1024))
    assert "空文件" in refused("empty.pdf", b"")
    with pytest.raises(ValidationError):
        uploads.check_batch([upload(f"{i}.pdf", PDF_BYTES) for i in range(11)])


@pytest.mark.parametrize("raw, clean", [
    ("../../etc/passwd", "passwd"),
    ("C:\\Users\\x\\证据.pdf", "证据.pdf"),
    (".htaccess", "htaccess"),
    ("a\x00b<script>.pdf", "ab_script_.pdf"),
    ("x" * 300 + ".pdf", "x" * 96 + ".pdf"),
    ("", "file"),
])
def test_names_are_sanitised(raw, clean):
    assert uploads.sanitise_name(raw) == clean


class FakeClamd:
    """A clamd stand-in on a UNIX socket that speaks INSTREAM and finds the EICAR string."""

    def __init__(self, path):
        self.path, self.scanned = path, []
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(path)
        self.server.listen(4)
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while True:
            try:
                connection, _address = self.server.accept()
            except OSError:
                return
            with connection:
                command = b""
                while not command.endswith(b"\0"):
                    command += connection.recv(1)
                assert command == b"zINSTREAM\0"
                data = b""
                while True:
                    length = struct.unpack("!L", self._exactly(connection, 4))[0]
                    if not length:
                        break
                    data += self._exactly(connection, length)
                self.scanned.append(data)
                verdict = b"stream: Eicar-Test-Signature FOUND\0" if b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE" in data \
                    else b"stream: OK\0"
                connection.sendall(verdict)

    @staticmethod
    def _exactly(connection, count):
        data = b""
        while len(data) < count:
            data += connection.recv(count - len(data))
        return data

    def close(self):
        self.server.close()


@pytest.fixture
def clamd(settings, tmp_path):
    path = str(tmp_path / "clamd.sock")
    server = FakeClamd(path)
    settings.CLAMD_SOCKET = path
    yield server
    server.close()


EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def test_clamd_scans_every_upload_when_configured(clamd):
    uploads.check_upload(upload("evidence.pdf", PDF_BYTES))
    assert clamd.scanned == [PDF_BYTES]
    infected = zip_bytes({"readme.txt": EICAR}, compression=zipfile.ZIP_STORED)  # the fake does not unpack
    assert "病毒扫描" in refused("evidence.zip", infected)


def test_an_unreachable_scanner_refuses_without_losing_the_filing(settings, tmp_path):
    settings.CLAMD_SOCKET = str(tmp_path / "nobody-listens.sock")
    assert "稍后重试" in refused("evidence.pdf", PDF_BYTES)


def test_no_scan_when_clamd_is_not_configured(settings):
    settings.CLAMD_SOCKET = settings.CLAMD_HOST = ""
    assert not uploads.clamd_configured()
    uploads.check_upload(upload("evidence.pdf", PDF_BYTES))


@pytest.mark.django_db
def test_the_public_form_shows_a_chinese_refusal_and_keeps_the_text(client, monkeypatch):
    from captcha.conf import settings as captcha_settings

    from tests.cases.public.test_intake import report_data

    monkeypatch.setattr(captcha_settings, "CAPTCHA_TEST_MODE", True)

    data = report_data(title="围标线索", attachments=[upload("evidence.pdf", pdf_bytes(javascript="app.alert(1)"))])
    response = client.post("/cases/report/new/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "包含脚本" in html and "围标线索" in html
