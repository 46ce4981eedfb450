"""Demo data for the reference directory: a believable city. Deterministic and idempotent."""

import datetime as dt
import hashlib
import random
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from directory import roles
from directory.identifiers import CREDIT_CODE_ALPHABET as ALPHABET
from directory.identifiers import credit_code_check_character as check_character
from directory.models import Award, Bid, Department, EntityRelation, Grid, MarketEntity, StaffProfile, TradingProject
from directory.names import DISTRICTS, FIRM_STEMS
from directory.services import create_account, create_staff_member

DEPARTMENTS = [
    ("OFFICE", "市公共资源交易管理委员会办公室", "管委办", Department.Kind.OFFICE, ""),
    ("CENTER", "市公共资源交易中心", "交易中心", Department.Kind.TRADING_CENTER, ""),
    ("ZJ", "市住房和城乡建设局", "住建局", Department.Kind.SUPERVISING, "房屋建筑和市政工程"),
    ("JT", "市交通运输局", "交通局", Department.Kind.SUPERVISING, "交通运输工程"),
    ("SL", "市水利局", "水利局", Department.Kind.SUPERVISING, "水利工程"),
    ("CZ", "市财政局", "财政局", Department.Kind.SUPERVISING, "政府采购"),
    ("ZRZY", "市自然资源和规划局", "自然资源局", Department.Kind.SUPERVISING, "土地使用权和矿业权出让"),
    ("GZ", "市国有资产监督管理委员会", "国资委", Department.Kind.SUPERVISING, "国有产权交易"),
    ("WJ", "市卫生健康委员会", "卫健委", Department.Kind.SUPERVISING, "医药和医用耗材采购"),
    ("JW", "市纪委监委", "纪委监委", Department.Kind.OUTSIDE_BODY, ""),
    ("GA", "市公安局", "公安局", Department.Kind.OUTSIDE_BODY, ""),
    ("SJ", "市审计局", "审计局", Department.Kind.OUTSIDE_BODY, ""),
]
AREAS = DISTRICTS[:5]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志强海燕春梅文斌宇浩"
NAME_STEMS = FIRM_STEMS[:24]
PLACE_PREFIXES = ["浙", "杭", "钱塘", "江南", "之江", "临安"]


@dataclass(frozen=True)
class Sector:
    """What a supervising department's tenders look like: who tenders, what, and who bids."""

    tenderers: tuple[str, ...]  # full names: public bodies and state-owned companies of the city
    projects: tuple[str, ...]
    bidder_suffixes: tuple[str, ...]


SECTORS = {
    "ZJ": Sector(
        ("市城市建设投资集团有限公司", "市住房保障和房产管理中心", "市教育局", "市城市更新建设发展有限公司"),
        ("学校教学楼建设项目", "安置房建设项目", "老旧小区改造工程", "排水管网提升工程", "体育馆建设工程"),
        ("建设工程有限公司", "建筑工程有限公司", "市政工程有限公司", "建工集团有限公司"),
    ),
    "JT": Sector(
        ("市交通投资集团有限公司", "市公路与运输管理中心", "市轨道交通集团有限公司"),
        ("道路改造工程", "桥梁维修加固工程", "国省道养护工程", "公交首末站建设工程"),
        ("路桥工程有限公司", "交通工程有限公司", "公路工程有限公司", "交通建设集团有限公司"),
    ),
    "SL": Sector(
        ("市水务集团有限公司", "市水利工程建设管理中心", "市河道管理服务中心"),
        ("河道综合治理工程", "污水处理厂扩建工程", "水库除险加固工程", "海塘安澜提标工程"),
        ("水利水电工程有限公司", "水务工程有限公司", "水利建设有限公司", "河道疏浚工程有限公司"),
    ),
    "CZ": Sector(
        ("市机关事务管理局", "市大数据发展管理局", "市图书馆"),
        ("办公设备采购项目", "智慧城市平台采购项目", "政务云服务采购项目", "公务用车定点维修服务采购"),
        ("科技有限公司", "信息技术有限公司", "办公设备有限公司", "数字科技有限公司"),
    ),
    "ZRZY": Sector(
        ("市土地储备中心",),
        ("商住用地国有建设用地使用权挂牌出让", "工业用地国有建设用地使用权拍卖出让"),
        ("置业有限公司", "房地产开发有限公司", "城市开发有限公司"),
    ),
    "GZ": Sector(
        ("市国有资本投资运营有限公司", "市商贸集团有限公司"),
        ("国有股权转让项目", "国有房产租赁权转让项目", "报废车辆及设备转让项目"),
        ("投资管理有限公司", "实业有限公司", "资产经营有限公司"),
    ),
    "WJ": Sector(
        ("市第一人民医院", "市中医院", "市妇幼保健院", "市疾病预防控制中心"),
        ("医用耗材集中采购", "医疗设备采购项目", "检验试剂采购项目"),
        ("医疗器械有限公司", "医药有限公司", "医疗科技有限公司", "生物技术有限公司"),
    ),
}
CATEGORY_BY_DEPARTMENT = {
    "ZJ": TradingProject.Category.CONSTRUCTION,
    "JT": TradingProject.Category.CONSTRUCTION,
    "SL": TradingProject.Category.CONSTRUCTION,
    "CZ": TradingProject.Category.GOVERNMENT_PROCUREMENT,
    "WJ": TradingProject.Category.GOVERNMENT_PROCUREMENT,
    "ZRZY": TradingProject.Category.LAND,
    "GZ": TradingProject.Category.PROPERTY,
}
AGENCY_SUFFIXES = ("招标代理有限公司", "工程咨询有限公司", "项目管理有限公司")
BIDDERS_PER_DEPARTMENT = 22
RING_DEPARTMENT = "ZJ"

# Demo accounts: (username, display name, job title, department, grid index or None, role).
# Password: demo-<username>. Display names are people; the role shows in the title and groups.
DEMO_STAFF = [
    ("intake", "周敏", "受理科科员", "OFFICE", None, roles.OFFICE_INTAKE),
    ("supervisor", "陈刚", "督查科科长", "OFFICE", None, roles.OFFICE_SUPERVISOR),
    ("head_zj", "王建国", "建筑市场监管处处长", "ZJ", None, roles.DEPARTMENT_HEAD),
    ("handler_zj", "李娜", "建筑市场监管处科员", "ZJ", 0, roles.HANDLER),
    ("handler_jt", "赵磊", "建设管理处科员", "JT", 0, roles.HANDLER),
    ("grid_zj", "刘洋", "网格监管员", "ZJ", 0, roles.GRID_SUPERVISOR),
    ("inspector1", "孙杰", "执法大队队员", "ZJ", None, roles.INSPECTOR),
    ("inspector2", "吴静", "执法大队队员", "ZJ", None, roles.INSPECTOR),
    ("inspector3", "郑涛", "执法支队队员", "JT", None, roles.INSPECTOR),
    ("inspmgr", "何平", "综合科科长", "OFFICE", None, roles.INSPECTION_MANAGER),
    ("editor", "林芳", "综合科科员", "OFFICE", None, roles.EDITOR),
    ("auditor", "马超", "审计监督员", "OFFICE", None, roles.AUDITOR),
    # Appended, not inserted: employee numbers follow the list order and must stay stable.
    ("head_jt", "邓志远", "建设管理处处长", "JT", None, roles.DEPARTMENT_HEAD),
]
DEMO_CITIZEN = ("bidder", "张伟", roles.COMPLAINANT)
DEMO_SUPERUSER = "admin"


def demo_password(username: str) -> str:
    return f"demo-{username}"


def credit_code(rng: random.Random, prefix: str = "91") -> str:
    body = prefix + "330100" + "".join(rng.choice(ALPHABET) for _ in range(9))
    return body + check_character(body)


def person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def seed(stdout) -> dict:
    rng = random.Random(20261122)
    departments = _seed_departments()
    grids = _seed_grids(departments)
    accounts = _seed_accounts(departments, grids)
    entities = _seed_entities(rng, departments)
    _seed_market(rng, departments, entities)
    stdout.write(
        f"directory: {Department.objects.count()} departments, {Grid.objects.count()} grids, "
        f"{MarketEntity.objects.count()} entities, {TradingProject.objects.count()} projects, "
        f"{Bid.objects.count()} bids, {Award.objects.count()} awards"
    )
    return accounts


def _seed_departments():
    result = {}
    for code, name, short, kind, industry in DEPARTMENTS:
        result[code], _ = Department.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "short_name": short,
                "kind": kind,
                "industry": industry,
                "phone": "0571-8700" + str(len(result)).zfill(4),
            },
        )
    return result


def _seed_grids(departments):
    grids = {}
    for code, dept in departments.items():
        if dept.kind != Department.Kind.SUPERVISING:
            continue
        grids[code] = []
        for index, area in enumerate(AREAS[:3]):
            grid, _ = Grid.objects.update_or_create(
                code=f"{code}-{index + 1:02d}",
                defaults={
                    "name": f"{area}{dept.industry}网格",
                    "department": dept,
                    "area": area,
                    "industry": dept.industry,
                    "contact_phone": f"1380000{len(grids):02d}{index:02d}",
                },
            )
            grids[code].append(grid)
    return grids


def _seed_accounts(departments, grids):
    accounts = {}
    user_model = get_user_model()
    admin = user_model.objects.filter(username=DEMO_SUPERUSER).first()
    if admin is None:
        admin = user_model.objects.create_superuser(
            DEMO_SUPERUSER, "admin@portal.example.cn", demo_password(DEMO_SUPERUSER)
        )
    else:
        admin.set_password(demo_password(DEMO_SUPERUSER))
        admin.save()
    accounts[DEMO_SUPERUSER] = "superuser"
    for index, (username, full_name, title, dept_code, grid_index, role) in enumerate(DEMO_STAFF):
        grid = grids[dept_code][grid_index] if grid_index is not None else None
        create_staff_member(
            username=username,
            password=demo_password(username),
            full_name=full_name,
            title=title,
            employee_no=f"E{index + 1:04d}",
            department=departments[dept_code],
            roles=[role],
            grid=grid,
            email=f"{username}@portal.example.cn",
            phone=f"1390000{index:04d}",
        )
        accounts[username] = role.group_name
    username, full_name, role = DEMO_CITIZEN
    citizen = user_model.objects.filter(username=username).first() or create_account(
        username=username, full_name=full_name, email=f"{username}@example.cn", roles=[role]
    )
    citizen.first_name = full_name  # earlier demos named the account after its role
    citizen.set_password(demo_password(username))
    citizen.save()
    accounts[username] = role.group_name
    return accounts


def _seed_entities(rng, departments):
    """Tenderers and bidders of each department's own trade; agencies and experts across them."""
    entities = {kind: [] for kind in MarketEntity.Type.values}
    used_names = set()
    for code, sector in SECTORS.items():
        for name in sector.tenderers:
            entities[MarketEntity.Type.TENDERER].append(
                _save_entity(rng, credit_code(rng, "12"), name, MarketEntity.Type.TENDERER, departments[code])
            )
        for _ in range(BIDDERS_PER_DEPARTMENT):
            name = _company_name(rng, sector.bidder_suffixes, used_names)
            entities[MarketEntity.Type.BIDDER].append(
                _save_entity(rng, credit_code(rng), name, MarketEntity.Type.BIDDER, departments[code])
            )
    sectors = [departments[code] for code in SECTORS]
    for index in range(12):
        name = _company_name(rng, AGENCY_SUFFIXES, used_names)
        entities[MarketEntity.Type.AGENCY].append(
            _save_entity(rng, credit_code(rng), name, MarketEntity.Type.AGENCY, sectors[index % len(sectors)])
        )
    for index in range(20):
        entities[MarketEntity.Type.EXPERT].append(
            _save_entity(
                rng,
                f"ZJ-EXP-{index + 1:04d}",
                person_name(rng),
                MarketEntity.Type.EXPERT,
                sectors[index % len(sectors)],
            )
        )
    _seed_related_ring(ring_members(entities))
    return entities


def _save_entity(rng, code, name, kind, dept):
    entity, _ = MarketEntity.objects.update_or_create(
        code=code,
        defaults={
            "name": name,
            "entity_type": kind,
            "legal_representative": person_name(rng),
            "address": f"{rng.choice(AREAS)}{rng.choice(NAME_STEMS)}路{rng.randint(1, 300)}号",
            "phone": f"13{rng.randint(100000000, 999999999)}",
            "department": dept,
            "industry": dept.industry,
        },
    )
    for rel_kind, value in (
        (EntityRelation.Kind.LEGAL_REPRESENTATIVE, entity.legal_representative),
        (EntityRelation.Kind.PHONE, entity.phone),
        (EntityRelation.Kind.ADDRESS, entity.address),
    ):
        if value:
            EntityRelation.objects.get_or_create(entity=entity, kind=rel_kind, value=value)
    return entity


def _company_name(rng, suffixes, used):
    while True:
        name = f"{rng.choice(PLACE_PREFIXES)}{rng.choice(NAME_STEMS)}{rng.choice(suffixes)}"
        if name not in used:
            used.add(name)
            return name


def ring_members(entities) -> list:
    """Five construction firms of one department that rig its tenders together."""
    return [e for e in entities[MarketEntity.Type.BIDDER] if e.department.code == RING_DEPARTMENT][:5]


def _seed_related_ring(bidders):
    """Five bidders that share a manager, a phone and a deposit account: what screens should find."""
    for bidder in bidders:
        EntityRelation.objects.get_or_create(entity=bidder, kind=EntityRelation.Kind.MANAGER, value="钱志强")
        EntityRelation.objects.get_or_create(entity=bidder, kind=EntityRelation.Kind.PHONE, value="0571-88886666")
        EntityRelation.objects.get_or_create(
            entity=bidder, kind=EntityRelation.Kind.DEPOSIT_ACCOUNT, value="6222 0212 0000 8888 123"
        )


def _seed_market(rng, departments, entities):
    """Sixty tenders, each with a tenderer and bidders of its department's trade. The ring bids
    together in every other tender of its department and takes turns winning."""
    agencies = entities[MarketEntity.Type.AGENCY]
    ring = ring_members(entities)
    of_department = {
        code: {
            kind: [e for e in entities[kind] if e.department.code == code]
            for kind in (MarketEntity.Type.TENDERER, MarketEntity.Type.BIDDER)
        }
        for code in SECTORS
    }
    today = timezone.localdate()
    dept_codes = list(SECTORS)
    for index in range(60):
        dept = departments[dept_codes[index % len(dept_codes)]]
        local = of_department[dept.code]
        announced = today - dt.timedelta(days=20 + index * 6)
        deadline = timezone.make_aware(dt.datetime.combine(announced + dt.timedelta(days=21), dt.time(9, 30)))
        budget = Decimal(rng.randint(50, 5000) * 10000)
        awarded = announced + dt.timedelta(days=30) if announced + dt.timedelta(days=30) < today else None
        project, _ = TradingProject.objects.update_or_create(
            code=f"{dept.code}-{announced:%Y}-{index + 1:03d}",
            defaults={
                "name": f"{rng.choice(AREAS)}{rng.choice(SECTORS[dept.code].projects)}",
                "category": CATEGORY_BY_DEPARTMENT[dept.code],
                "department": dept,
                "tenderer": rng.choice(local[MarketEntity.Type.TENDERER]),
                "agency": rng.choice(agencies),
                "budget": budget,
                "announced_on": announced,
                "bid_deadline": deadline,
                "opened_at": deadline,
                "awarded_on": awarded,
                "completed_on": announced + dt.timedelta(days=200)
                if announced + dt.timedelta(days=200) < today
                else None,
            },
        )
        honest = [b for b in local[MarketEntity.Type.BIDDER] if b not in ring]
        ring_tender = dept.code == RING_DEPARTMENT and index % (2 * len(dept_codes)) == 0
        participants = (ring + rng.sample(honest, 5)) if ring_tender else rng.sample(honest, rng.randint(6, 14))
        bids = []
        for position, bidder in enumerate(participants):
            ratio = Decimal(str(round(rng.uniform(0.86, 0.99), 4)))
            metadata = "ring-author" if bidder in ring else f"{bidder.code}-{index}"
            bid, _ = Bid.objects.update_or_create(
                project=project,
                bidder=bidder,
                defaults={
                    "amount": (budget * ratio).quantize(Decimal("0.01")),
                    "submitted_at": deadline - dt.timedelta(hours=position + 1),
                    "file_metadata_hash": hashlib.sha256(metadata.encode()).hexdigest(),
                    "ip_address": f"10.{index % 200}.{position}.{rng.randint(2, 250)}",
                },
            )
            bids.append(bid)
        if awarded:
            turn = (index // (2 * len(dept_codes))) % len(ring)
            winner_bid = bids[turn] if ring_tender else min(bids, key=lambda b: b.amount)
            Award.objects.update_or_create(
                project=project,
                defaults={
                    "winner": winner_bid.bidder,
                    "amount": winner_bid.amount,
                    "awarded_on": awarded,
                    "contract_signed_on": awarded + dt.timedelta(days=15),
                },
            )


def staff_profile_for(username: str) -> StaffProfile:
    return StaffProfile.objects.select_related("department").get(user__username=username)
