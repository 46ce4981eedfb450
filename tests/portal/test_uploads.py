"""One allow-list for uploads: case attachments and inspection evidence ask portal.uploads."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from portal.uploads import CASE_EVIDENCE, INSPECTION_EVIDENCE, MAX_FILE_BYTES, check_upload
from tests.factories.files import PDF_BYTES

PDF = PDF_BYTES  # a real PDF: uploads are parsed (portal.uploads)
MP3 = b"ID3\x03\x00\x00\x00\x00\x00\x00" + b"\x00" * 64
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64


def refusal(upload, accepted=CASE_EVIDENCE, field="attachments"):
    with translation.override("zh-hans"), pytest.raises(ValidationError) as exc:
        check_upload(upload, field=field, accepted=accepted)
    return exc.value.message_dict[field][0]


def test_a_pdf_is_accepted_by_both_kinds_and_its_type_is_sniffed():
    for kind in (CASE_EVIDENCE, INSPECTION_EVIDENCE):
        checked = check_upload(SimpleUploadedFile("决定书.pdf", PDF), field="f", accepted=kind)
        assert (checked.name, checked.content_type) == ("决定书.pdf", "application/pdf")


def test_audio_is_evidence_for_a_case_but_not_for_an_inspection():
    assert check_upload(SimpleUploadedFile("录音.mp3", MP3), field="f").content_type == "audio/mpeg"
    assert "请上传 PDF" in refusal(SimpleUploadedFile("录音.mp3", MP3), INSPECTION_EVIDENCE, "file")


def test_a_program_is_refused_even_when_named_as_a_document():
    assert "不是可接受的文件类型" in refusal(SimpleUploadedFile("材料.pdf", EXE))


def test_content_and_extension_must_agree():
    assert "内容与扩展名不符" in refusal(SimpleUploadedFile("照片.jpg", PDF))


def test_empty_and_oversized_files_are_refused():
    assert "空文件" in refusal(SimpleUploadedFile("空.pdf", b""))
    big = SimpleUploadedFile("大.pdf", PDF)
    big.size = MAX_FILE_BYTES + 1
    assert "超过20 MB" in refusal(big)
