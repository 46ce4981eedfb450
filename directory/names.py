"""Place and firm-name stems shared by the demo directory and the simulated market, so both
name firms the same way."""

DISTRICTS = ["东城区", "西湖区", "南山区", "北江区", "高新区", "滨江区", "临平区", "钱塘区"]
FIRM_STEMS = [
    "宏达",
    "鼎盛",
    "华建",
    "中联",
    "恒信",
    "永安",
    "瑞丰",
    "嘉禾",
    "金桥",
    "天成",
    "博远",
    "启航",
    "振兴",
    "润泽",
    "长青",
    "广厦",
    "汇通",
    "东方",
    "新城",
    "锦绣",
    "兴业",
    "泰和",
    "卓越",
    "荣昌",
    "明远",
    "信达",
]
