import io

import pytest
import tablib
from django.core.management import CommandError, call_command
from django.utils import translation

from directory.models import Bid, EntityRelation, MarketEntity
from monitoring.importing import import_trading_file
from tests.factories.directory import DepartmentFactory, TradingProjectFactory, make_credit_code

pytestmark = pytest.mark.django_db

ENTITY_HEADER = "code,name,entity_type,legal_representative,department\n"


def csv_file(text: str, encoding="utf-8") -> io.BytesIO:
    return io.BytesIO(text.encode(encoding))


def test_an_entity_csv_is_recognised_by_its_columns_and_reimport_changes_nothing():
    DepartmentFactory(code="ZJ")
    text = ENTITY_HEADER + f"{make_credit_code(1)},甲建设公司,bidder,王五,ZJ\n{make_credit_code(2)},乙建设公司,bidder,赵六,ZJ\n"
    report = import_trading_file(csv_file(text), name="entities.csv")
    assert report.kind == "entities" and report.committed and report.rows_imported == 2
    again = import_trading_file(csv_file(text), name="entities.csv")
    assert again.committed and again.rows_imported == 0 and again.rows_unchanged == 2
    assert MarketEntity.objects.count() == 2


def test_a_gb18030_csv_from_excel_is_read():
    DepartmentFactory(code="ZJ")
    text = ENTITY_HEADER + f"{make_credit_code(1)},甲建设公司,bidder,王五,ZJ\n"
    report = import_trading_file(csv_file(text, "gb18030"), name="entities.csv")
    assert report.committed and MarketEntity.objects.get().name == "甲建设公司"


def bad_entities():
    return csv_file(ENTITY_HEADER + "\n".join([
        f"{make_credit_code(1)},好公司,bidder,张三,ZJ",
        "91350100M000100Y44,校验码错误公司,bidder,李四,ZJ",
        f"{make_credit_code(3)},未知部门公司,bidder,王五,NOPE",
    ]) + "\n")


def test_bad_rows_give_file_row_and_chinese_reason_and_nothing_is_written():
    DepartmentFactory(code="ZJ")
    with translation.override("zh-hans"):
        report = import_trading_file(bad_entities(), name="主体.csv", mode="all_or_nothing")
        messages = [str(e) for e in report.errors]
    assert not report.committed and MarketEntity.objects.count() == 0
    assert [e.row for e in report.errors] == [3, 4]  # file rows: the header is row 1
    assert messages[0].startswith("主体.csv 第 3 行：") and "校验" in messages[0]
    assert "NOPE" in messages[1]


def test_good_rows_only_writes_the_good_rows():
    DepartmentFactory(code="ZJ")
    report = import_trading_file(bad_entities(), name="entities.csv", mode="good_rows_only")
    assert report.committed and len(report.errors) == 2
    assert list(MarketEntity.objects.values_list("name", flat=True)) == ["好公司"]


def test_xlsx_bids_and_relations():
    project = TradingProjectFactory(code="P-1")
    bidder = MarketEntity.objects.create(code=make_credit_code(7), name="丙公司", entity_type="bidder")
    data = tablib.Dataset(headers=["project", "bidder", "amount", "submitted_at", "is_valid"])
    data.append(["P-1", bidder.code, "950000", "2026-03-23 08:00:00", "1"])
    report = import_trading_file(io.BytesIO(data.export("xlsx")), name="bids.xlsx")
    assert report.kind == "bids" and report.committed
    assert Bid.objects.get().project == project
    relations = tablib.Dataset(headers=["entity", "kind", "value"])
    relations.append([bidder.code, "phone", "+86 (571) 8888-1234"])
    report = import_trading_file(io.BytesIO(relations.export("xlsx")), name="relations.xlsx")
    assert report.kind == "relations" and EntityRelation.objects.get().normalized_value == "057188881234"


def test_an_unknown_file_is_refused_with_a_reason():
    report = import_trading_file(csv_file("foo,bar\n1,2\n"), name="x.csv")
    assert not report.committed and report.errors[0].row == 1


def test_the_command_imports_files_and_fails_on_bad_rows(tmp_path):
    DepartmentFactory(code="ZJ")
    good = tmp_path / "entities.csv"
    good.write_text(ENTITY_HEADER + f"{make_credit_code(1)},甲建设公司,bidder,王五,ZJ\n", encoding="utf-8")
    out = io.StringIO()
    call_command("import_trading", str(good), stdout=out, stderr=io.StringIO())
    assert "imported (entities)" in out.getvalue() and MarketEntity.objects.count() == 1
    bad = tmp_path / "bad.csv"
    bad.write_bytes(bad_entities().getvalue())
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_trading", str(bad), stdout=io.StringIO(), stderr=err)
    assert "bad.csv" in err.getvalue()
