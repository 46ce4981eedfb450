import io

import pytest
import tablib
from django.utils import translation

from directory.models import Bid, EntityRelation, Grid, MarketEntity, StaffProfile, TradingProject
from directory.resources import (
    BidResource,
    EntityRelationResource,
    GridResource,
    MarketEntityResource,
    StaffProfileResource,
    TradingProjectResource,
)
from directory.roles import HANDLER
from tests.factories.directory import DepartmentFactory, MarketEntityFactory, TradingProjectFactory, make_credit_code

pytestmark = pytest.mark.django_db


def dataset(headers, *rows):
    return tablib.Dataset(*rows, headers=headers)


def row_errors(result):
    """Every row's error messages, validation and widget errors alike."""
    messages = []
    for row in result.invalid_rows:
        for field_messages in row.error_dict.values():
            messages.extend(field_messages)
    for _line, errors in result.row_errors():
        messages.extend(str(e.error) for e in errors)
    return messages


def test_entities_import_keyed_on_credit_code_and_update_on_reimport():
    DepartmentFactory(code="ZJ")
    code = make_credit_code(1)
    headers = ["code", "name", "entity_type", "legal_representative", "department"]
    result = MarketEntityResource().import_data(dataset(headers, (code.lower(), "甲建设公司", "bidder", "王五", "ZJ")))
    assert not result.has_errors() and not result.has_validation_errors()
    assert MarketEntity.objects.get(code=code).department.code == "ZJ"
    MarketEntityResource().import_data(dataset(headers, (code, "甲建设集团", "bidder", "王五", "ZJ")))
    assert MarketEntity.objects.get(code=code).name == "甲建设集团"
    assert MarketEntity.objects.count() == 1


def test_a_file_with_bad_rows_imports_nothing_and_reports_every_row_in_chinese():
    DepartmentFactory(code="ZJ")
    headers = ["code", "name", "entity_type", "legal_representative", "department"]
    data = dataset(
        headers,
        (make_credit_code(1), "好公司", "bidder", "张三", "ZJ"),
        ("91350100M000100Y44", "校验码错误公司", "bidder", "李四", "ZJ"),
        (make_credit_code(3), "未知部门公司", "bidder", "王五", "NOPE"),
        (make_credit_code(4), "", "bidder", "赵六", "ZJ"),
    )
    with translation.override("zh-hans"):
        result = MarketEntityResource().import_data(data, dry_run=False, raise_errors=False)
        messages = row_errors(result)
    assert MarketEntity.objects.count() == 0
    joined = "\n".join(messages)
    assert "校验码" in joined
    assert "NOPE" in joined and "不存在" in joined
    assert "这个字段不能为空" in joined or "此字段" in joined
    assert len(result.invalid_rows) + len(result.row_errors()) == 3


def test_projects_and_bids_reference_entities_by_code():
    dept = DepartmentFactory(code="JT")
    tenderer = MarketEntityFactory(entity_type=MarketEntity.Type.TENDERER)
    bidder = MarketEntityFactory()
    TradingProjectResource().import_data(dataset(
        ["code", "name", "category", "department", "tenderer", "budget", "announced_on", "bid_deadline"],
        ("JT-2026-900", "跨江大桥工程", "construction", dept.code, tenderer.code, "12000000.00", "2026-03-02", "2026-03-23 09:30:00"),
    ), raise_errors=True)
    project = TradingProject.objects.get(code="JT-2026-900")
    result = BidResource().import_data(dataset(
        ["project", "bidder", "amount", "submitted_at", "is_valid"],
        (project.code, bidder.code, "11500000.00", "2026-03-23 08:00:00", "1"),
    ))
    assert not result.has_errors() and not result.has_validation_errors()
    assert Bid.objects.get().amount == 11500000


def test_bid_by_a_tenderer_is_refused():
    project = TradingProjectFactory()
    result = BidResource().import_data(dataset(
        ["project", "bidder", "amount", "submitted_at", "is_valid"],
        (project.code, project.tenderer.code, "1.00", "2026-03-23 08:00:00", "1"),
    ))
    assert result.has_validation_errors()
    assert Bid.objects.count() == 0


def test_relations_are_normalised_so_shared_contacts_match():
    a, b = MarketEntityFactory(), MarketEntityFactory()
    EntityRelationResource().import_data(dataset(
        ["entity", "kind", "value"],
        (a.code, "phone", "+86 138-0000-1111"),
        (b.code, "phone", "13800001111"),
        (a.code, "address", "东城区 建设路１２号（2号楼）"),
        (b.code, "address", "东城区建设路12号2号楼"),
    ), raise_errors=True)
    phones = set(EntityRelation.objects.filter(kind="phone").values_list("normalized_value", flat=True))
    addresses = set(EntityRelation.objects.filter(kind="address").values_list("normalized_value", flat=True))
    assert phones == {"13800001111"}
    assert len(addresses) == 1


def test_staff_import_creates_accounts_with_roles(roles):
    dept = DepartmentFactory(code="ZJ")
    GridResource().import_data(dataset(["code", "name", "department"], ("ZJ-09", "东城区网格", "ZJ")), raise_errors=True)
    result = StaffProfileResource().import_data(dataset(
        ["employee_no", "username", "full_name", "department", "grid", "roles"],
        ("E9001", "li.na", "李娜", "ZJ", "ZJ-09", "handler"),
    ))
    assert not result.has_errors() and not result.has_validation_errors()
    profile = StaffProfile.objects.get(employee_no="E9001")
    assert profile.grid == Grid.objects.get(code="ZJ-09") and profile.department == dept
    assert profile.user.groups.filter(name=HANDLER.group_name).exists()
    assert not profile.user.has_usable_password()


def test_staff_import_with_unknown_role_imports_nothing(roles):
    DepartmentFactory(code="ZJ")
    result = StaffProfileResource().import_data(dataset(
        ["employee_no", "username", "full_name", "department", "roles"],
        ("E9002", "wang", "王五", "ZJ", "handler,boss"),
    ))
    assert result.has_errors()
    assert StaffProfile.objects.count() == 0


def test_admin_import_page_shows_row_errors_in_chinese(client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.cn", "pw-123456")
    client.force_login(admin)
    csv = "code,name,entity_type,legal_representative\n91350100M000100Y44,坏公司,bidder,李四\n"
    response = client.post(
        "/django-admin/directory/marketentity/import/",
        {"resource": "0", "format": "0", "import_file": io.BytesIO(csv.encode("utf-8"))},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "校验码" in body
    assert MarketEntity.objects.count() == 0


def test_xlsx_round_trip_of_projects():
    """Export to xlsx, change a value in the workbook, import it back: keyed on the project code."""
    import openpyxl

    project = TradingProjectFactory(name="原名称")
    exported = TradingProjectResource().export()
    workbook = openpyxl.load_workbook(io.BytesIO(exported.export("xlsx")))
    sheet = workbook.active
    headers = [cell.value for cell in sheet[1]]
    sheet.cell(row=2, column=headers.index("name") + 1, value="新名称")
    buffer = io.BytesIO()
    workbook.save(buffer)
    data = tablib.Dataset().load(buffer.getvalue(), format="xlsx")
    result = TradingProjectResource().import_data(data)
    assert not result.has_errors() and not result.has_validation_errors(), row_errors(result)
    project.refresh_from_db()
    assert project.name == "新名称"
    assert TradingProject.objects.count() == 1
