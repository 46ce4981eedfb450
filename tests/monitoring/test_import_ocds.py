import io
from decimal import Decimal

import pytest
from django.utils import translation

from directory.models import Award, Bid, EntityRelation, MarketEntity, TradingProject
from monitoring.importing import ImportMode, import_ocds_releases, import_trading_file
from monitoring.models import OcdsRelease
from tests.factories.directory import DepartmentFactory, MarketEntityFactory, make_credit_code
from tests.factories.ocds import package, party, release

pytestmark = pytest.mark.django_db

A, B, C = make_credit_code(1), make_credit_code(2), make_credit_code(3)


@pytest.fixture
def department():
    return DepartmentFactory(code="ZJ", name="市住房和城乡建设局")


def import_bytes(data: bytes, **kwargs):
    return import_trading_file(io.BytesIO(data), kind="ocds", name="releases.json", **kwargs)


def test_a_release_package_becomes_projects_bids_and_awards(department):
    report = import_bytes(package([
        release(1, bidders=[(A, "950000"), (B, "980000")], winner=A),
        release(2, bidders=[(A, "500000"), (B, "480000"), (C, "510000")], winner=B),
    ]))
    assert report.committed and not report.errors
    assert report.rows_imported == 2
    project = TradingProject.objects.get(code="T-2026-000001")
    assert project.department == department
    assert project.category == TradingProject.Category.CONSTRUCTION
    assert project.tenderer.entity_type == MarketEntity.Type.TENDERER
    assert str(project.bid_deadline.astimezone().date()) == "2026-03-23"
    assert sorted(project.bids.values_list("bidder__code", "amount")) == [(A, Decimal("950000.00")), (B, Decimal("980000.00"))]
    assert project.award.winner.code == A
    assert Bid.objects.count() == 5
    assert Award.objects.count() == 2
    assert MarketEntity.objects.filter(entity_type=MarketEntity.Type.BIDDER).count() == 3
    assert OcdsRelease.objects.get(ocid="ocds-test-000001").project == project


def test_reimporting_the_same_package_changes_nothing(department):
    data = package([release(1, bidders=[(A, "950000"), (B, "980000")], winner=A)])
    import_bytes(data)
    before = list(Bid.objects.order_by("pk").values())
    report = import_bytes(data)
    assert report.committed and report.rows_imported == 0 and report.rows_unchanged == 1
    assert list(Bid.objects.order_by("pk").values()) == before
    assert TradingProject.objects.count() == 1 and MarketEntity.objects.count() == 3


def test_a_newer_release_updates_its_tender_and_an_older_one_is_ignored(department):
    import_bytes(package([release(1, bidders=[(A, "950000"), (B, "980000")], winner=A)]))
    newer = release(1, bidders=[(A, "940000"), (C, "990000")], winner=C, release_id="ocds-test-000001-02",
                    date="2026-04-05T10:00:00+08:00")
    report = import_bytes(package([newer]))
    assert report.rows_imported == 1
    project = TradingProject.objects.get()
    assert sorted(project.bids.values_list("bidder__code", "amount")) == [(A, Decimal("940000.00")), (C, Decimal("990000.00"))]
    assert project.award.winner.code == C
    older = release(1, bidders=[(A, "1"), (B, "2")], winner=A, release_id="ocds-test-000001-00",
                    date="2026-03-01T10:00:00+08:00")
    report = import_bytes(package([older]))
    assert report.rows_unchanged == 1
    assert TradingProject.objects.get().award.winner.code == C


def bad_package():
    return package([
        release(1, bidders=[(A, "950000"), (B, "980000")], winner=A),
        release(2, bidders=[(A, "500000"), ("91350100M000100Y44", "480000")]),  # wrong check character
        release(3, bidders=[(A, "-5")]),
        release(4, bidders=[(A, "500000"), (B, "480000")], winner=C),
    ])


def test_bad_releases_are_reported_in_chinese_and_all_or_nothing_writes_nothing(department):
    with translation.override("zh-hans"):
        report = import_bytes(bad_package(), mode=ImportMode.ALL_OR_NOTHING)
    assert not report.committed
    assert [e.row for e in report.errors] == [2, 3, 4]
    assert all(e.file == "releases.json" for e in report.errors)
    assert report.errors[0].reference == "ocds-test-000002"
    assert "校验码" in report.errors[0].reason
    assert "非负" in report.errors[1].reason
    assert "releases.json" in str(report.errors[0]) and "第 2 " in str(report.errors[0])
    assert TradingProject.objects.count() == 0 and MarketEntity.objects.count() == 0


def test_good_rows_only_imports_the_good_releases(department):
    report = import_bytes(bad_package(), mode=ImportMode.GOOD_ROWS_ONLY)
    assert report.committed and report.rows_imported == 1 and len(report.errors) == 3
    assert list(TradingProject.objects.values_list("code", flat=True)) == ["T-2026-000001"]


def test_an_entity_registered_with_another_type_refuses_its_release(department):
    MarketEntityFactory(code=B, entity_type=MarketEntity.Type.AGENCY)
    with translation.override("zh-hans"):
        report = import_bytes(package([release(1, bidders=[(A, "9"), (B, "8")])]), mode="good_rows_only")
    assert len(report.errors) == 1 and B in report.errors[0].reason
    assert TradingProject.objects.count() == 0


def test_a_release_without_department_uses_the_default_one():
    other = DepartmentFactory(code="JT", name="市交通运输局")
    data = release(1)
    data["parties"] = [p for p in data["parties"] if p["id"] != "dept"]
    report = import_ocds_releases([data], mode="all_or_nothing")
    assert not report.committed and "部门" in report.errors[0].reason or "department" in report.errors[0].reason
    report = import_ocds_releases([data], mode="all_or_nothing", default_department=other)
    assert report.committed and TradingProject.objects.get().department == other


def test_party_details_become_normalised_relations_shared_across_roles(department):
    a = party(A, "甲公司", ["tenderer"], contactPoint={"telephone": "+86 (571) 8888-1234", "email": "Boss@Jia.CN"},
              address={"region": "浙江省", "locality": "杭州市", "streetAddress": "西湖区文三路１２号"},
              details={"legalRepresentative": "张 三", "shareholders": [{"name": "乙控股集团"}]})
    b = party(B, "乙公司", ["tenderer"], contactPoint={"telephone": "0571-88881234", "email": "boss@jia.cn"},
              address={"streetAddress": "西湖区 文三路12号"},
              details={"managers": ["张三"], "legalRepresentative": "乙控股集团"})
    data = release(1, bidders=[(A, "9"), (B, "8")])
    data["parties"] = [p for p in data["parties"] if p["id"] not in (a["id"], b["id"])] + [a, b]
    assert import_ocds_releases([data]).committed
    shared = {}
    for kind, value, code in EntityRelation.objects.values_list("kind", "normalized_value", "entity__code"):
        group = "person" if kind in ("legal_representative", "manager", "shareholder") else kind
        shared.setdefault((group, value), set()).add(code)
    both = {key for key, codes in shared.items() if codes == {A, B}}
    assert both == {("phone", "057188881234"), ("email", "boss@jia.cn"), ("address", "西湖区文三路12号"),
                    ("person", "张三"), ("person", "乙控股集团")}


def test_a_broken_file_imports_nothing_even_good_rows_only(department):
    data = package([release(1), release(2)])[:-40]
    report = import_bytes(data, mode="good_rows_only")
    assert not report.committed and report.errors
    assert TradingProject.objects.count() == 0


class ChunkCountingFile(io.BytesIO):
    def __init__(self, data):
        super().__init__(data)
        self.reads = []

    def read(self, size=-1):
        self.reads.append(size)
        return super().read(size)

    def readinto(self, buffer):
        self.reads.append(len(buffer))
        return super().readinto(buffer)


def test_the_package_is_streamed_in_buffers_not_read_whole(department, monkeypatch):
    from monitoring.importing import service

    monkeypatch.setattr(service, "READ_BUFFER", 4096)
    monkeypatch.setattr(service, "CHUNK_RELEASES", 7)
    data = package([release(n, bidders=[(A, "9"), (B, "8")], winner=A) for n in range(1, 41)])
    stream = ChunkCountingFile(data)
    fractions = []
    report = import_trading_file(stream, kind="ocds", name="big.json",
                                 progress=lambda rows, fraction: fractions.append((rows, fraction)))
    assert report.committed and TradingProject.objects.count() == 40
    assert len(data) > 10 * 4096
    assert all(0 <= size <= 4096 for size in stream.reads)  # ijson first reads 0 bytes to learn the type
    assert len(stream.reads) > len(data) // 4096
    assert [rows for rows, _ in fractions] == [7, 14, 21, 28, 35, 40]
    assert fractions[-1][1] == 1.0


def test_a_release_without_contact_details_keeps_those_on_record(department):
    MarketEntityFactory(code=A, name="甲公司", phone="0571-88881234", address="西湖区文三路12号")
    assert import_ocds_releases([release(1, bidders=[(A, "9"), (B, "8")])]).committed
    entity = MarketEntity.objects.get(code=A)
    assert entity.name == f"投标人{A[-4:]}"  # the release's name wins
    assert entity.phone == "0571-88881234" and entity.address == "西湖区文三路12号"
