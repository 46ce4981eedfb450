"""Filing: validation by kind, numbering, access codes, attachments, intake warnings."""

import datetime as dt
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from cases import access_codes, selectors, services
from cases.models import Attachment
from portal.errors import PermissionRefused
from tests.factories.cases import VALID_ID_NUMBER, CaseFactory, at, organisation_filer
from tests.factories.files import PDF_BYTES, PNG_BYTES

pytestmark = pytest.mark.django_db

PDF, PNG = PDF_BYTES, PNG_BYTES
EXE = b"MZ" + b"\x90\x00" * 64


def upload(name, content):
    return SimpleUploadedFile(name, content)


def complaint(**overrides):
    data = {"kind": "complaint", "channel": "online", "filer_name": "张伟", "filer_id_number": VALID_ID_NUMBER,
            "filer_phone": "13800001111", "project_text": "某道路工程", "matter_type": "other",
            "title": "投诉", "facts": "事实与理由"}
    data.update(overrides)
    return data


@pytest.mark.parametrize(("overrides", "field"), [
    ({"is_anonymous": True}, "is_anonymous"),
    ({"filer_id_number": "110105194912310021"}, "filer_id_number"),  # wrong check character
    ({"filer_name": ""}, "filer_name"),
    ({"filer_phone": ""}, "filer_phone"),
    ({"project_text": ""}, "project_text"),
    ({"matter_type": ""}, "matter_type"),
    ({**organisation_filer(), "filer_credit_code": "91330100ABCDEFGHIO"}, "filer_credit_code"),
    ({**organisation_filer(), "filer_legal_representative": ""}, "filer_legal_representative"),
])
def test_complaint_needs_a_real_identity(db, overrides, field):
    with pytest.raises(ValidationError) as refused:
        services.submit_case(**complaint(**overrides))
    assert field in refused.value.message_dict


def test_organisation_complaint_and_anonymous_report_are_accepted(db):
    assert services.submit_case(**complaint(**organisation_filer())).case.filer_type == "organisation"
    report = services.submit_case(kind="report", channel="online", is_anonymous=True, filer_name="不会保存",
                                  title="举报", facts="线索").case
    assert (report.is_anonymous, report.filer_name, report.is_confidential) == (True, "", True)
    with pytest.raises(ValidationError):
        services.submit_case(kind="suggestion", channel="online", is_anonymous=True, title="建议", facts="内容")


def test_numbers_run_per_kind_and_year(db):
    with at(dt.date(2025, 12, 31)):
        assert CaseFactory().number == "TS2025000001"
    with at(dt.date(2026, 1, 5)):
        assert [CaseFactory().number for _ in range(2)] == ["TS2026000001", "TS2026000002"]
        assert CaseFactory(kind="report", project=None, is_anonymous=True).number == "JB2026000001"


def test_access_code_is_hashed_and_forgiving_to_type(db):
    submitted = services.submit_case(**complaint())
    code = submitted.access_code
    assert len(code) == 12 and set(code) <= set(access_codes.CROCKFORD)
    assert code not in submitted.case.access_code_hash
    typed = access_codes.display(code).lower().replace("1", "l").replace("0", "o")
    assert selectors.find_case_by_access_code(submitted.case.number.lower(), typed) == submitted.case
    assert selectors.find_case_by_access_code("TS2026999999", code) is None


def test_staff_entry_needs_the_permission(team):
    with pytest.raises(PermissionRefused):
        services.submit_case(**complaint(channel="paper"), actor=team.handler)
    case = services.submit_case(**complaint(channel="paper"), actor=team.intake).case
    event = case.events.get()
    assert (event.actor, event.action) == (team.intake, "submitted")


def test_attachments_checked_by_content(db):
    submitted = services.submit_case(**complaint(), attachments=[upload("投诉书.pdf", PDF), upload("现场.png", PNG)])
    files = list(submitted.case.attachments.order_by("pk"))
    assert [(f.original_name, f.content_type) for f in files] == [("投诉书.pdf", "application/pdf"), ("现场.png", "image/png")]
    assert len(files[0].sha256) == 64
    for bad, message in ((upload("证据.pdf", PNG), "证据.pdf"), (upload("tool.exe", EXE), "tool.exe"),
                         (upload("说明.txt", b"plain text"), "说明.txt"), (upload("空.pdf", b""), "空.pdf")):
        with pytest.raises(ValidationError) as refused:
            services.submit_case(**complaint(), attachments=[bad])
        assert message in str(refused.value)
    with pytest.raises(ValidationError):
        services.submit_case(**complaint(), attachments=[upload(f"{i}.pdf", PDF) for i in range(11)])


def test_office_documents_and_per_case_limit(db):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    case = CaseFactory()
    docx = services.add_attachment(case=case, file=upload("异议函.docx", buffer.getvalue()), purpose="evidence")
    assert docx.content_type.endswith("wordprocessingml.document")
    services.add_attachments(case=case, files=[upload(f"{i}.pdf", PDF) for i in range(10)], purpose="evidence")
    services.add_attachments(case=case, files=[upload(f"b{i}.pdf", PDF) for i in range(9)], purpose="evidence")
    with pytest.raises(ValidationError):
        services.add_attachment(case=case, file=upload("21.pdf", PDF), purpose="evidence")
    assert Attachment.objects.filter(case=case).count() == 20


def test_intake_warnings(db):
    with at(dt.date(2026, 3, 20)):
        late = CaseFactory(knew_on=dt.date(2026, 3, 2), matter_type="evaluation_result", objection_raised_on=None)
    with translation.override("en"):
        warnings = selectors.intake_warnings(late)
    assert any("8" in w and "10" in w for w in warnings)  # 18 days after knowing: 8 days late
    assert any("objection" in w for w in warnings)
    with at(dt.date(2026, 3, 5)):
        timely = CaseFactory(knew_on=dt.date(2026, 3, 2), matter_type="evaluation_result",
                             objection_raised_on=dt.date(2026, 3, 3))
    assert selectors.intake_warnings(timely) == []
