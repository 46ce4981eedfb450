"""Canonical relation values (directory.models.market.normalize_relation_value): what two related
bidders share compares equal however it was written."""

import pytest
from django.db import connection, transaction

from directory.models.market import normalize_relation_value, relation_match_group
from monitoring.models import TradingImport
from monitoring.services.imports import ProgressRecorder
from tests.conftest import requires_postgres


@pytest.mark.parametrize(("kind", "written", "canonical"), [
    ("phone", "+86 138-0000-1111", "13800001111"),
    ("phone", "８６１３８００００１１１１", "13800001111"),
    ("phone", "(0571) 8888-1234", "057188881234"),
    ("phone", "+86 (571) 8888 1234", "057188881234"),
    ("phone", "0086-571-88881234", "057188881234"),
    ("deposit_account", "6222 0212-0000 8888 123", "6222021200008888123"),
    ("email", " Boss@Jia.CN ", "boss@jia.cn"),
    ("email", "ｂｏｓｓ＠ｊｉａ．ｃｎ", "boss@jia.cn"),
    ("address", "浙江省杭州市西湖区文三路１２号（2号楼）", "西湖区文三路12号2号楼"),
    ("address", "杭州市西湖区 文三路12号2号楼", "西湖区文三路12号2号楼"),
    ("address", "西湖区文三路12号 2号楼", "西湖区文三路12号2号楼"),
    ("address", "北京市北京市朝阳区建国路1号", "朝阳区建国路1号"),
    ("address", "广西壮族自治区南宁市青秀区民族大道1号", "青秀区民族大道1号"),
    ("address", "东城区市场路1号", "东城区市场路1号"),  # 市 inside a street name stays
    ("legal_representative", "张　三", "张三"),
    ("shareholder", "91330100ma2b3c4d5e", "91330100MA2B3C4D5E"),
])
def test_values_written_differently_compare_equal(kind, written, canonical):
    assert normalize_relation_value(kind, written) == canonical


def test_people_and_holding_companies_match_across_roles():
    groups = {relation_match_group(kind) for kind in ("legal_representative", "manager", "shareholder")}
    assert groups == {"person"}
    assert relation_match_group("phone") == "phone" != relation_match_group("email")
    assert normalize_relation_value("manager", "张 三") == normalize_relation_value("shareholder", "张三")


@requires_postgres()
@pytest.mark.django_db(transaction=True)
def test_progress_is_visible_outside_the_import_transaction():
    job = TradingImport.objects.create(file="monitoring/imports/x.json", original_name="x.json")
    recorder = ProgressRecorder(job.pk)
    try:
        with transaction.atomic():
            recorder(5000, 0.42)
            # another session (the polling page) already sees it, while this transaction is open
            with connection.cursor():
                other = ProgressRecorder(job.pk).connection
                with other.cursor() as cursor:
                    cursor.execute("SELECT progress, rows_done FROM monitoring_tradingimport WHERE id = %s", [job.pk])
                    assert cursor.fetchone() == (42, 5000)
                other.close()
    finally:
        recorder.close()
