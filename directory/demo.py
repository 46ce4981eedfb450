"""Demo data for the reference directory: a believable city. Deterministic and idempotent."""

import datetime as dt
import hashlib
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from directory import roles
from directory.identifiers import CREDIT_CODE_ALPHABET as ALPHABET
from directory.identifiers import credit_code_check_character as check_character
from directory.models import Award, Bid, Department, EntityRelation, Grid, MarketEntity, StaffProfile, TradingProject
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
AREAS = ["东城区", "西湖区", "南山区", "北江区", "高新区"]
CATEGORY_BY_DEPARTMENT = {
    "ZJ": TradingProject.Category.CONSTRUCTION,
    "JT": TradingProject.Category.CONSTRUCTION,
    "SL": TradingProject.Category.CONSTRUCTION,
    "CZ": TradingProject.Category.GOVERNMENT_PROCUREMENT,
    "WJ": TradingProject.Category.GOVERNMENT_PROCUREMENT,
    "ZRZY": TradingProject.Category.LAND,
    "GZ": TradingProject.Category.PROPERTY,
}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志强海燕春梅文斌宇浩"
NAME_STEMS = ["宏达", "鼎盛", "华建", "中联", "恒信", "永安", "瑞丰", "嘉禾", "金桥", "天成", "博远", "启航",
              "振兴", "润泽", "长青", "广厦", "汇通", "东方", "新城", "锦绣", "兴业", "泰和", "卓越", "荣昌"]
BIDDER_SUFFIXES = ["建设工程有限公司", "建筑工程有限公司", "市政工程有限公司", "路桥工程有限公司",
                   "水利水电工程有限公司", "科技有限公司", "医疗器械有限公司", "信息技术有限公司"]
PROJECT_WORDS = ["道路改造工程", "排水管网提升工程", "学校教学楼建设项目", "河道综合治理工程",
                 "办公设备采购项目", "医用耗材集中采购", "安置房建设项目", "桥梁维修加固工程",
                 "智慧城市平台采购项目", "土地使用权挂牌出让", "国有股权转让项目", "污水处理厂扩建工程"]

# Demo accounts: (username, full name, department, grid index or None, role). Password: demo-<username>.
DEMO_STAFF = [
    ("intake", "受理员周敏", "OFFICE", None, roles.OFFICE_INTAKE),
    ("supervisor", "督办员陈刚", "OFFICE", None, roles.OFFICE_SUPERVISOR),
    ("head_zj", "住建局负责人王建国", "ZJ", None, roles.DEPARTMENT_HEAD),
    ("handler_zj", "住建局承办人李娜", "ZJ", 0, roles.HANDLER),
    ("handler_jt", "交通局承办人赵磊", "JT", 0, roles.HANDLER),
    ("grid_zj", "住建局网格监管员刘洋", "ZJ", 0, roles.GRID_SUPERVISOR),
    ("inspector1", "检查员孙杰", "ZJ", None, roles.INSPECTOR),
    ("inspector2", "检查员吴静", "ZJ", None, roles.INSPECTOR),
    ("inspector3", "检查员郑涛", "JT", None, roles.INSPECTOR),
    ("inspmgr", "抽查管理员何平", "OFFICE", None, roles.INSPECTION_MANAGER),
    ("editor", "网站编辑林芳", "OFFICE", None, roles.EDITOR),
    ("auditor", "审计查阅员马超", "OFFICE", None, roles.AUDITOR),
    # Appended, not inserted: employee numbers follow the list order and must stay stable.
    ("head_jt", "交通局负责人邓志远", "JT", None, roles.DEPARTMENT_HEAD),
]
DEMO_CITIZEN = ("bidder", "投诉人张伟", roles.COMPLAINANT)
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
            code=code, defaults={"name": name, "short_name": short, "kind": kind, "industry": industry,
                                 "phone": "0571-8700" + str(len(result)).zfill(4)},
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
                defaults={"name": f"{area}{dept.industry}网格", "department": dept, "area": area,
                          "industry": dept.industry, "contact_phone": f"1380000{len(grids):02d}{index:02d}"},
            )
            grids[code].append(grid)
    return grids


def _seed_accounts(departments, grids):
    accounts = {}
    user_model = get_user_model()
    admin = user_model.objects.filter(username=DEMO_SUPERUSER).first()
    if admin is None:
        admin = user_model.objects.create_superuser(DEMO_SUPERUSER, "admin@portal.example.cn", demo_password(DEMO_SUPERUSER))
    else:
        admin.set_password(demo_password(DEMO_SUPERUSER))
        admin.save()
    accounts[DEMO_SUPERUSER] = "superuser"
    for index, (username, full_name, dept_code, grid_index, role) in enumerate(DEMO_STAFF):
        grid = grids[dept_code][grid_index] if grid_index is not None else None
        create_staff_member(
            username=username, password=demo_password(username), full_name=full_name,
            employee_no=f"E{index + 1:04d}", department=departments[dept_code], roles=[role], grid=grid,
            email=f"{username}@portal.example.cn", phone=f"1390000{index:04d}",
        )
        accounts[username] = role.group_name
    username, full_name, role = DEMO_CITIZEN
    citizen = user_model.objects.filter(username=username).first() or create_account(
        username=username, full_name=full_name, email=f"{username}@example.cn", roles=[role])
    citizen.set_password(demo_password(username))
    citizen.save()
    accounts[username] = role.group_name
    return accounts


def _seed_entities(rng, departments):
    supervising = [d for d in departments.values() if d.kind == Department.Kind.SUPERVISING]
    plan = [(MarketEntity.Type.TENDERER, 20), (MarketEntity.Type.AGENCY, 12),
            (MarketEntity.Type.BIDDER, 150), (MarketEntity.Type.EXPERT, 20)]
    entities = {kind: [] for kind, _ in plan}
    used_names = set()
    for kind, count in plan:
        for index in range(count):
            dept = supervising[index % len(supervising)]
            if kind == MarketEntity.Type.EXPERT:
                code, name = f"ZJ-EXP-{index + 1:04d}", person_name(rng)
            else:
                code = credit_code(rng, "12" if kind == MarketEntity.Type.TENDERER else "91")
                name = _company_name(rng, kind, used_names)
            entity, _ = MarketEntity.objects.update_or_create(
                code=code,
                defaults={"name": name, "entity_type": kind, "legal_representative": person_name(rng),
                          "address": f"{rng.choice(AREAS)}{rng.choice(NAME_STEMS)}路{rng.randint(1, 300)}号",
                          "phone": f"13{rng.randint(100000000, 999999999)}", "department": dept,
                          "industry": dept.industry},
            )
            entities[kind].append(entity)
            for rel_kind, value in ((EntityRelation.Kind.LEGAL_REPRESENTATIVE, entity.legal_representative),
                                    (EntityRelation.Kind.PHONE, entity.phone),
                                    (EntityRelation.Kind.ADDRESS, entity.address)):
                if value:
                    EntityRelation.objects.get_or_create(entity=entity, kind=rel_kind, value=value)
    _seed_related_ring(entities[MarketEntity.Type.BIDDER][:5])
    return entities


def _company_name(rng, kind, used):
    suffixes = {MarketEntity.Type.TENDERER: ["城市建设投资集团有限公司", "人民医院", "交通投资有限公司", "水务集团有限公司"],
                MarketEntity.Type.AGENCY: ["招标代理有限公司", "工程咨询有限公司", "项目管理有限公司"]}.get(kind, BIDDER_SUFFIXES)
    while True:
        name = f"{rng.choice(['浙', '杭', '钱塘', '江南', '之江', '临安'])}{rng.choice(NAME_STEMS)}{rng.choice(suffixes)}"
        if name not in used:
            used.add(name)
            return name


def _seed_related_ring(bidders):
    """Five bidders that share a manager, a phone and a deposit account: what screens should find."""
    for bidder in bidders:
        EntityRelation.objects.get_or_create(entity=bidder, kind=EntityRelation.Kind.MANAGER, value="钱志强")
        EntityRelation.objects.get_or_create(entity=bidder, kind=EntityRelation.Kind.PHONE, value="0571-88886666")
        EntityRelation.objects.get_or_create(entity=bidder, kind=EntityRelation.Kind.DEPOSIT_ACCOUNT, value="6222 0212 0000 8888 123")


def _seed_market(rng, departments, entities):
    tenderers, agencies = entities[MarketEntity.Type.TENDERER], entities[MarketEntity.Type.AGENCY]
    bidders = entities[MarketEntity.Type.BIDDER]
    ring = bidders[:5]
    today = timezone.localdate()
    dept_codes = list(CATEGORY_BY_DEPARTMENT)
    for index in range(60):
        dept = departments[dept_codes[index % len(dept_codes)]]
        announced = today - dt.timedelta(days=20 + index * 6)
        deadline = timezone.make_aware(dt.datetime.combine(announced + dt.timedelta(days=21), dt.time(9, 30)))
        budget = Decimal(rng.randint(50, 5000) * 10000)
        awarded = announced + dt.timedelta(days=30) if announced + dt.timedelta(days=30) < today else None
        project, _ = TradingProject.objects.update_or_create(
            code=f"{dept.code}-{announced:%Y}-{index + 1:03d}",
            defaults={"name": f"{rng.choice(AREAS)}{rng.choice(PROJECT_WORDS)}", "category": CATEGORY_BY_DEPARTMENT[dept.code],
                      "department": dept, "tenderer": rng.choice(tenderers), "agency": rng.choice(agencies),
                      "budget": budget, "announced_on": announced, "bid_deadline": deadline, "opened_at": deadline,
                      "awarded_on": awarded,
                      "completed_on": announced + dt.timedelta(days=200) if announced + dt.timedelta(days=200) < today else None},
        )
        # Every fourth project the ring bids together and takes turns winning.
        participants = (ring + rng.sample(bidders[5:], 5)) if index % 4 == 0 else rng.sample(bidders[5:], rng.randint(6, 14))
        bids = []
        for position, bidder in enumerate(participants):
            ratio = Decimal(str(round(rng.uniform(0.86, 0.99), 4)))
            metadata = "ring-author" if bidder in ring else f"{bidder.code}-{index}"
            bid, _ = Bid.objects.update_or_create(
                project=project, bidder=bidder,
                defaults={"amount": (budget * ratio).quantize(Decimal("0.01")),
                          "submitted_at": deadline - dt.timedelta(hours=position + 1),
                          "file_metadata_hash": hashlib.sha256(metadata.encode()).hexdigest(),
                          "ip_address": f"10.{index % 200}.{position}.{rng.randint(2, 250)}"},
            )
            bids.append(bid)
        if awarded:
            winner_bid = (bids[(index // 4) % 5] if index % 4 == 0 else min(bids, key=lambda b: b.amount))
            Award.objects.update_or_create(
                project=project,
                defaults={"winner": winner_bid.bidder, "amount": winner_bid.amount, "awarded_on": awarded,
                          "contract_signed_on": awarded + dt.timedelta(days=15)},
            )


def staff_profile_for(username: str) -> StaffProfile:
    return StaffProfile.objects.select_related("department").get(user__username=username)
