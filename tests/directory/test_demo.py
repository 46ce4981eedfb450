"""Demo data a city official would believe (issue 13 item 15): each tender's tenderer and bidders
belong to its department's field (a water-works tender gets water-engineering firms, not a hospital
supplier), and the demo staff are named as people, not as roles."""

import io
import re

import pytest
from django.contrib.auth import get_user_model

from directory import demo
from directory.models import Bid, MarketEntity, StaffProfile, TradingProject

pytestmark = pytest.mark.django_db

# What a reader expects in the names of each field's buyers and firms (independent of demo.SECTORS).
TENDERER_WORDS = {
    "ZJ": "城市|住房|教育",
    "JT": "交通|公路|轨道",
    "SL": "水|河道",
    "CZ": "机关|数据|图书馆",
    "ZRZY": "土地",
    "GZ": "国有|商贸",
    "WJ": "医院|保健|疾病",
}
BIDDER_WORDS = {
    "ZJ": "建设|建筑|市政|建工",
    "JT": "路桥|交通|公路",
    "SL": "水|河道",
    "CZ": "科技|信息|办公|数字",
    "ZRZY": "置业|房地产|城市开发",
    "GZ": "投资|实业|资产",
    "WJ": "医|药|生物",
}
PROJECT_WORDS = {
    "ZJ": "建设|改造|管网|工程",
    "JT": "道路|桥梁|国省道|公交",
    "SL": "河道|污水|水库|海塘",
    "CZ": "采购",
    "ZRZY": "土地|用地",
    "GZ": "转让",
    "WJ": "医|试剂",
}
# Role words, from the role names and the titles the old demo put in front of names.
ROLE_WORDS = (
    "受理员",
    "督办员",
    "负责人",
    "承办人",
    "监管员",
    "检查员",
    "检查人员",
    "管理员",
    "编辑",
    "查阅员",
    "投诉人",
    "举报人",
    "局",
    "委",
)
PERSON_NAME = re.compile(r"^[\u4e00-\u9fff]{2,3}$")


@pytest.fixture
def seeded(roles):
    demo.seed(io.StringIO())


def test_every_demo_tender_has_a_tenderer_and_bidders_of_its_own_field(seeded):
    projects = TradingProject.objects.select_related("department", "tenderer").order_by("code")
    assert projects.count() == 60
    assert {p.department.code for p in projects} == set(TENDERER_WORDS)
    for project in projects:
        code = project.department.code
        assert re.search(PROJECT_WORDS[code], project.name), project.name
        assert project.tenderer.department_id == project.department_id, project
        assert re.search(TENDERER_WORDS[code], project.tenderer.name), (project.name, project.tenderer.name)
        bidders = MarketEntity.objects.filter(bids__project=project)
        assert bidders.count() >= 6
        for bidder in bidders:
            assert bidder.department_id == project.department_id, (project.name, bidder.name)
            assert re.search(BIDDER_WORDS[code], bidder.name), (project.name, bidder.name)


def test_a_water_works_tender_gets_no_hospital_supplier(seeded):
    water = TradingProject.objects.filter(department__code="SL")
    assert water.exists()
    names = set(MarketEntity.objects.filter(bids__project__in=water).values_list("name", flat=True))
    assert names and not [n for n in names if re.search("医|药|科技", n)]
    assert all("水" in n or "河道" in n for n in names)


def test_the_ring_rigs_tenders_of_its_own_department(seeded):
    ring = MarketEntity.objects.filter(relations__kind="deposit_account", relations__value="6222 0212 0000 8888 123")
    assert ring.count() == 5 and set(ring.values_list("department__code", flat=True)) == {"ZJ"}
    rigged = TradingProject.objects.filter(bids__bidder__in=ring).distinct()
    assert rigged.count() >= 4 and set(rigged.values_list("department__code", flat=True)) == {"ZJ"}


def test_demo_staff_and_the_demo_citizen_are_named_as_people(seeded):
    accounts = get_user_model().objects.filter(username__in=[row[0] for row in demo.DEMO_STAFF] + ["bidder"])
    assert accounts.count() == len(demo.DEMO_STAFF) + 1
    names = {user.username: user.get_full_name() or user.first_name for user in accounts}
    names.update({f"profile:{p.user.username}": p.full_name for p in StaffProfile.objects.select_related("user")})
    for who, name in names.items():
        assert PERSON_NAME.match(name), (who, name)
        assert not any(word in name for word in ROLE_WORDS), (who, name)
    assert names["intake"] == "周敏" and names["bidder"] == "张伟"
    # The role is still there, where it belongs: in the title and the role groups.
    intake = StaffProfile.objects.get(user__username="intake")
    assert intake.title and intake.user.groups.filter(name="委办公室受理员").exists()


def test_seeding_again_changes_nothing_and_renames_role_named_accounts(seeded):
    get_user_model().objects.filter(username="handler_zj").update(first_name="住建局承办人李娜")
    StaffProfile.objects.filter(user__username="handler_zj").update(full_name="住建局承办人李娜")
    counts = (MarketEntity.objects.count(), TradingProject.objects.count(), Bid.objects.count())
    names = sorted(MarketEntity.objects.values_list("name", flat=True))
    demo.seed(io.StringIO())
    assert (MarketEntity.objects.count(), TradingProject.objects.count(), Bid.objects.count()) == counts
    assert sorted(MarketEntity.objects.values_list("name", flat=True)) == names
    assert StaffProfile.objects.get(user__username="handler_zj").full_name == "李娜"
    assert get_user_model().objects.get(username="handler_zj").first_name == "李娜"
