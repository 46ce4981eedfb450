"""The simulated market's names: lines of business, the departments that supervise them, their
firms, tenders and buyers, and plausible, unique people and firm names (monitoring.simulation)."""

from __future__ import annotations

import random

from directory.names import DISTRICTS, FIRM_STEMS

TRADES = [
    "房建施工",
    "市政道路",
    "水利工程",
    "园林绿化",
    "医疗设备",
    "信息化系统",
    "办公家具",
    "物业服务",
    "交通设施",
    "环境监测",
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红文斌"
# What the demo city would show: each line of business under the department that supervises it,
# firms and buyers named as such. Names come from the firm's index, never from the random stream
# (a seed must keep giving the same market, whatever the names).
TRADE_DEPARTMENTS = {
    "房建施工": "ZJ",
    "市政道路": "ZJ",
    "水利工程": "SL",
    "园林绿化": "ZJ",
    "医疗设备": "WJ",
    "信息化系统": "CZ",
    "办公家具": "CZ",
    "物业服务": "CZ",
    "交通设施": "JT",
    "环境监测": "CZ",
}
PROCUREMENT_TRADES = {"医疗设备", "信息化系统", "办公家具", "物业服务", "环境监测"}
TRADE_FIRMS = {
    "房建施工": "建筑工程有限公司",
    "市政道路": "市政工程有限公司",
    "水利工程": "水利水电工程有限公司",
    "园林绿化": "园林绿化工程有限公司",
    "医疗设备": "医疗器械有限公司",
    "信息化系统": "信息技术有限公司",
    "办公家具": "家具制造有限公司",
    "物业服务": "物业服务有限公司",
    "交通设施": "交通设施工程有限公司",
    "环境监测": "环境检测技术有限公司",
}
TRADE_TENDERS = {
    "房建施工": "综合楼建设工程",
    "市政道路": "道路提升改造工程",
    "水利工程": "河道整治工程",
    "园林绿化": "公园绿化提升工程",
    "医疗设备": "医疗设备采购项目",
    "信息化系统": "信息化系统建设项目",
    "办公家具": "办公家具采购项目",
    "物业服务": "物业管理服务采购项目",
    "交通设施": "交通安全设施工程",
    "环境监测": "环境监测服务采购项目",
}
BUYERS = {
    "ZJ": "城市建设发展有限公司",
    "SL": "水务建设管理有限公司",
    "WJ": "人民医院",
    "CZ": "机关事务服务中心",
    "JT": "交通建设投资有限公司",
}
def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))


def unique_person(index: int) -> str:
    """A three-character name no other simulated firm's representative has (up to 45,000 firms):
    shared people are relations the screens look for, so honest firms must not share one by chance."""
    return (
        SURNAMES[index % len(SURNAMES)]
        + GIVEN[(index // len(SURNAMES)) % len(GIVEN)]
        + GIVEN[(index // (len(SURNAMES) * len(GIVEN))) % len(GIVEN)]
    )


def firm_name(index: int, suffix: str) -> str:
    """Unique per index: district × stem, then a round number once every pair is used."""
    pairs = len(DISTRICTS) * len(FIRM_STEMS)
    place, stem, round_ = (
        DISTRICTS[index % len(DISTRICTS)][:2],
        FIRM_STEMS[(index // len(DISTRICTS)) % len(FIRM_STEMS)],
        index // pairs,
    )
    return f"{place}{stem}{round_ + 1 if round_ else ''}{suffix}"
