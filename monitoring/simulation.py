"""A simulated public-resource market with planted bid rigging, for evaluating the screens.

Firms belong to lines of business and have a cost level and a capacity. Honest firms price at
cost plus a markup with noise; the lowest valid bid wins. Planted schemes:
- rings 轮流坐庄: 4–5 firms of one trade take turns; the designated member prices low enough to
  win, the others and hired cover bidders 陪标 price just above it; ring bids sometimes leak
  the same file-metadata hash or IP;
- bid kings 标王 with shell firms that share a legal representative, phone, address or deposit
  account with the king and bid just above it;
- bid suppression: ring members stay away and the designated member faces a single cover bid.
Honest look-alikes: cheap firms that win a lot, expensive firms that lose a lot, sister firms that
share relations but never bid in the same tender, and honest tenders with a single bid or a short
period. The ground truth goes to SimulatedTruth only; the screens read the trading tables alone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from directory.credit_code import ALPHABET, check_character
from directory.models import Award, Bid, Department, EntityRelation, MarketEntity, TradingProject
from directory.models.market import normalize_relation_value
from monitoring.models import SimulatedTruth
from monitoring.simulation_names import (
    BUYERS,
    DISTRICTS,
    FIRM_STEMS,
    PROCUREMENT_TRADES,
    TRADE_DEPARTMENTS,
    TRADE_FIRMS,
    TRADE_TENDERS,
    TRADES,
    firm_name,
    person,
    unique_person,
)

BATCH = 5000
COLLUDING = ("ring", "cover", "king", "shell")


@dataclass(eq=False)
class Firm:
    index: int
    trade: int
    cost: float
    role: str = "honest"  # honest, cheap, expensive, sister, ring, cover, king, shell
    group: str = ""
    pk: int | None = None
    code: str = ""


@dataclass
class Market:
    seed: int
    firms: list[Firm] = field(default_factory=list)
    truth: list[SimulatedTruth] = field(default_factory=list)


def _code(seed: int, kind: str, index: int) -> str:
    digits = f"{seed % 1000:03d}"
    division = {"bidder": "1", "tenderer": "2", "agency": "3"}[kind] + "1" + digits + "0"
    body_index, chars = index, []
    for _ in range(9):
        chars.append(ALPHABET[body_index % 31])
        body_index //= 31
    first17 = "91" + division + "".join(reversed(chars))
    return first17 + check_character(first17)


def _trade(trade: int) -> str:
    return TRADES[trade % len(TRADES)]


def _department_of(trade: int, departments) -> Department:
    """The department that supervises this line of business, when the city has it."""
    by_code = {d.code: d for d in departments}
    return by_code.get(TRADE_DEPARTMENTS[_trade(trade)]) or departments[trade % len(departments)]


@transaction.atomic
def simulate(*, seed: int, tenders: int, stdout=None, department_codes=None) -> dict:
    """Write a market of `tenders` tenders (about ten bids each) and its ground truth."""
    rng = random.Random(seed)
    departments = list(
        Department.objects.filter(kind=Department.Kind.SUPERVISING, code__in=department_codes)
        if department_codes
        else Department.objects.filter(kind=Department.Kind.SUPERVISING)
    )
    if not departments:
        dept, _ = Department.objects.get_or_create(
            code="SIM", defaults={"name": "模拟监督部门", "short_name": "模拟", "kind": Department.Kind.SUPERVISING}
        )
        departments = [dept]
    trades = max(2, min(len(TRADES) * 40, tenders // 120))
    market = Market(seed=seed)
    firms = market.firms
    # Honest firms and honest look-alikes per trade.
    for trade in range(trades):
        for _ in range(rng.randint(14, 20)):
            firms.append(Firm(len(firms), trade, rng.uniform(0.94, 1.06)))
        firms.append(Firm(len(firms), trade, 0.86, "cheap"))
        firms.append(Firm(len(firms), trade, 1.18, "expensive"))
        if trade % 2 == 0:
            a = Firm(len(firms), trade, rng.uniform(0.95, 1.05), "sister", f"S{trade}")
            firms.append(a)
            b = Firm(len(firms), trade, rng.uniform(0.95, 1.05), "sister", f"S{trade}")
            firms.append(b)
    # Schemes: a ring in every third trade, a bid king in every fourth.
    rings, kings = {}, {}
    for trade in range(trades):
        if trade % 3 == 0:
            members = [
                Firm(len(firms) + i, trade, rng.uniform(0.97, 1.03), "ring", f"R{trade}")
                for i in range(rng.randint(4, 5))
            ]
            firms.extend(members)
            covers = [Firm(len(firms) + i, trade, 1.0, "cover", f"R{trade}") for i in range(2)]
            firms.extend(covers)
            rings[trade] = (members, covers)
        if trade % 4 == 1:
            king = Firm(len(firms), trade, 0.99, "king", f"K{trade}")
            firms.append(king)
            shells = [Firm(len(firms) + i, trade, 1.0, "shell", f"K{trade}") for i in range(3)]
            firms.extend(shells)
            kings[trade] = (king, shells)
    _write_firms(market, rng, departments)
    by_trade = {}
    for firm in firms:
        if firm.role in ("honest", "cheap", "expensive", "sister"):
            by_trade.setdefault(firm.trade, []).append(firm)
    used = list(
        {_department_of(trade, departments).pk: _department_of(trade, departments) for trade in range(trades)}.values()
    )
    tenderers, agencies = _write_buyers(seed, used, max(5, tenders // 200))
    tenderers_of = {d.pk: [t for t in tenderers if t.department_id == d.pk] or tenderers for d in used}
    today = timezone.localdate()
    projects, bids_of, schemes = [], [], []
    for index in range(tenders):
        trade = rng.randrange(trades)
        department = _department_of(trade, departments)
        budget = rng.randint(50, 3000) * 10000
        announced = today - dt.timedelta(days=40 + rng.randint(0, 700))
        period = rng.choice([20, 21, 25, 30])
        scheme, prices = "honest", {}
        honest_pool = by_trade[trade]
        roll = rng.random()
        if trade in rings and roll < 0.35:
            scheme = "suppression" if rng.random() < 0.15 else "ring"
            members, covers = rings[trade]
            designated = members[index % len(members)]
            price = budget * designated.cost * rng.uniform(0.82, 0.87)
            prices[designated] = price
            if scheme == "ring":
                for firm in [m for m in members if m is not designated] + rng.sample(covers, rng.randint(1, 2)):
                    prices[firm] = price * rng.uniform(1.004, 1.025)
                for firm in _honest_sample(rng, honest_pool, rng.randint(0, 3)):
                    prices[firm] = _honest_price(rng, firm, budget)
            else:
                prices[rng.choice(covers)] = price * rng.uniform(1.004, 1.02)
        elif trade in kings and roll < 0.30:
            scheme = "king"
            king, shells = kings[trade]
            price = budget * king.cost * rng.uniform(0.82, 0.87)
            prices[king] = price
            for firm in rng.sample(shells, rng.randint(2, 3)):
                prices[firm] = price * rng.uniform(1.004, 1.025)
            for firm in _honest_sample(rng, honest_pool, rng.randint(1, 4)):
                prices[firm] = _honest_price(rng, firm, budget)
        else:
            count = 1 if rng.random() < 0.04 else rng.randint(5, 16)
            for firm in _honest_sample(rng, honest_pool, count):
                prices[firm] = _honest_price(rng, firm, budget)
            if rng.random() < 0.05:
                period = rng.randint(10, 18)  # honest, if careless: a short period
        code = f"SIM{seed}-{index + 1:06d}"
        deadline = timezone.make_aware(dt.datetime.combine(announced + dt.timedelta(days=period), dt.time(9, 30)))
        rng.choice(tenderers)  # drawn only to keep each seed's stream: the buyer is one of the department's own
        buyers = tenderers_of[department.pk]
        projects.append(
            TradingProject(
                code=code,
                name=f"{DISTRICTS[index % len(DISTRICTS)]}{TRADE_TENDERS[_trade(trade)]}（第{index + 1}标段）",
                category=(
                    TradingProject.Category.GOVERNMENT_PROCUREMENT
                    if _trade(trade) in PROCUREMENT_TRADES
                    else TradingProject.Category.CONSTRUCTION
                ),
                department=department,
                tenderer=buyers[index % len(buyers)],
                agency=rng.choice(agencies),
                budget=Decimal(budget),
                announced_on=announced,
                bid_deadline=deadline,
                opened_at=deadline,
                awarded_on=announced + dt.timedelta(days=period + 10),
            )
        )
        leak = scheme in ("ring", "king") and rng.random() < 0.3
        bids_of.append((prices, deadline, leak, index))
        schemes.append(scheme)
        market.truth.append(
            SimulatedTruth(
                seed=seed,
                subject=SimulatedTruth.Subject.PROJECT,
                code=code,
                scheme=scheme,
                is_collusive=scheme != "honest",
            )
        )
    TradingProject.objects.bulk_create(projects, batch_size=BATCH)
    pk_of = dict(TradingProject.objects.filter(code__startswith=f"SIM{seed}-").values_list("code", "pk"))
    bids, awards = [], []
    for project, (prices, deadline, leak, index) in zip(projects, bids_of, strict=True):
        project_pk = pk_of[project.code]
        leaked = hashlib.sha256(f"{seed}-{index}-leak".encode()).hexdigest()
        # A leak: two of the colluding bids were made on one machine and sent from one address.
        leakers = [f for f in sorted(prices, key=lambda f: f.index) if f.role in COLLUDING][:2] if leak else []
        for position, (firm, price) in enumerate(sorted(prices.items(), key=lambda item: item[0].index)):
            shares = firm in leakers
            bids.append(
                Bid(
                    project_id=project_pk,
                    bidder_id=firm.pk,
                    amount=Decimal(f"{price:.2f}"),
                    submitted_at=deadline - dt.timedelta(minutes=30 + position * 7),
                    file_metadata_hash=leaked
                    if shares
                    else hashlib.sha256(f"{seed}-{index}-{firm.index}".encode()).hexdigest(),
                    ip_address=f"10.{seed % 250}.{index % 250}.{200 if shares else position + 1}",
                )
            )
        winner = min(prices, key=lambda f: (round(prices[f], 2), f.index))
        awards.append(
            Award(
                project_id=project_pk,
                winner_id=winner.pk,
                amount=Decimal(f"{prices[winner]:.2f}"),
                awarded_on=project.awarded_on,
            )
        )
    Bid.objects.bulk_create(bids, batch_size=BATCH)
    Award.objects.bulk_create(awards, batch_size=BATCH)
    for firm in firms:
        market.truth.append(
            SimulatedTruth(
                seed=seed,
                subject=SimulatedTruth.Subject.ENTITY,
                code=firm.code,
                scheme=firm.role,
                group=firm.group,
                is_collusive=firm.role in COLLUDING,
            )
        )
    SimulatedTruth.objects.bulk_create(market.truth, batch_size=BATCH, ignore_conflicts=True)
    summary = {
        "seed": seed,
        "firms": len(firms),
        "tenders": len(projects),
        "bids": len(bids),
        "collusive_tenders": sum(s != "honest" for s in schemes),
        "rings": len(rings),
        "kings": len(kings),
    }
    if stdout is not None:
        stdout.write(f"simulated market: {summary}")
    return summary


def _honest_sample(rng, pool, count):
    """Honest bidders for a tender; sister firms never bid against each other."""
    chosen, groups = [], set()
    for firm in rng.sample(pool, min(count + 2, len(pool))):
        if firm.group and firm.group in groups:
            continue
        groups.add(firm.group) if firm.group else None
        chosen.append(firm)
        if len(chosen) == count:
            break
    return chosen


def _honest_price(rng, firm, budget) -> float:
    return budget * firm.cost * rng.uniform(0.88, 0.98) * rng.gauss(1.0, 0.025)


def _write_firms(market: Market, rng: random.Random, departments) -> None:
    seed = market.seed
    entities, relations = [], []
    shared = {}
    for firm in market.firms:
        firm.code = _code(seed, "bidder", firm.index)
        entities.append(
            MarketEntity(
                code=firm.code,
                name=firm_name(firm.index, TRADE_FIRMS[_trade(firm.trade)]),
                entity_type=MarketEntity.Type.BIDDER,
                department=_department_of(firm.trade, departments),
                industry=_trade(firm.trade),
            )
        )
        person(rng)  # drawn only to keep each seed's stream; the name comes from the index
        phone = f"1{rng.randint(3, 9)}{rng.randint(100000000, 999999999)}"
        street = FIRM_STEMS[firm.index % len(FIRM_STEMS)]
        own = {
            EntityRelation.Kind.LEGAL_REPRESENTATIVE: unique_person(firm.index),
            EntityRelation.Kind.PHONE: phone,
            EntityRelation.Kind.ADDRESS: f"{DISTRICTS[firm.trade % len(DISTRICTS)]}{street}路{firm.index + 1}号"
            f"{rng.randint(1, 999)}室",
            EntityRelation.Kind.DEPOSIT_ACCOUNT: f"6222{seed % 1000:03d}{firm.index:09d}",
        }
        if firm.role in ("sister", "shell", "king") or (firm.role == "ring" and rng.random() < 0.3):
            # Sisters share their group's legal representative; shells share the king's contacts.
            base = shared.setdefault(firm.group, dict(own))
            kind = {"sister": EntityRelation.Kind.LEGAL_REPRESENTATIVE}.get(firm.role) or rng.choice(
                [
                    EntityRelation.Kind.LEGAL_REPRESENTATIVE,
                    EntityRelation.Kind.PHONE,
                    EntityRelation.Kind.ADDRESS,
                    EntityRelation.Kind.DEPOSIT_ACCOUNT,
                ]
            )
            own[kind] = base[kind]
        for kind, value in own.items():
            relations.append((firm, kind, value))
    MarketEntity.objects.bulk_create(entities, batch_size=BATCH)
    pks = dict(MarketEntity.objects.filter(code__in=[f.code for f in market.firms]).values_list("code", "pk"))
    for firm in market.firms:
        firm.pk = pks[firm.code]
    EntityRelation.objects.bulk_create(
        [
            EntityRelation(
                entity_id=firm.pk, kind=kind, value=value, normalized_value=normalize_relation_value(kind, value)
            )
            for firm, kind, value in relations
        ],
        batch_size=BATCH,
        ignore_conflicts=True,
    )


def _write_buyers(seed, departments, count):
    """Buyers spread over the departments whose trades are simulated, named after their field."""
    tenderers = []
    for i in range(count):
        department = departments[i % len(departments)]
        name = f"{DISTRICTS[i % len(DISTRICTS)]}{BUYERS.get(department.code, '公共资源项目建设中心')}"
        if i >= len(DISTRICTS):
            name = f"{name}（{i // len(DISTRICTS) + 1}）"
        tenderers.append(
            MarketEntity(
                code=_code(seed, "tenderer", i),
                name=name,
                entity_type=MarketEntity.Type.TENDERER,
                department=department,
            )
        )
    agencies = [
        MarketEntity(
            code=_code(seed, "agency", i),
            name=firm_name(i + 7, "招标代理有限公司"),
            entity_type=MarketEntity.Type.AGENCY,
        )
        for i in range(max(2, count // 3))
    ]
    MarketEntity.objects.bulk_create(tenderers + agencies, batch_size=BATCH)
    saved = {e.code: e for e in MarketEntity.objects.filter(code__in=[e.code for e in tenderers + agencies])}
    return [saved[e.code] for e in tenderers], [saved[e.code] for e in agencies]
