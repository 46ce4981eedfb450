"""OCDS 1.1 releases (with the bids extension) as the importer receives them."""

import json
from decimal import Decimal

from tests.factories.directory import make_credit_code


def party(code: str, name: str, roles: list[str], **extra) -> dict:
    return {"id": f"CN-USCC-{code}", "name": name, "roles": roles,
            "identifier": {"scheme": "CN-USCC", "id": code, "legalName": name}, **extra}


def release(
    n: int,
    *,
    bidders: list[tuple[str, Decimal | str]] | None = None,
    winner: str | None = None,
    release_id: str | None = None,
    date: str = "2026-04-01T10:00:00+08:00",
    department: str = "ZJ",
    buyer_code: str | None = None,
    extra_parties: list[dict] | None = None,
) -> dict:
    """A compiled release of tender n: a buyer, the bidders (credit code, amount), an award."""
    buyer_code = buyer_code or make_credit_code(10_000 + n)
    bidders = bidders if bidders is not None else [(make_credit_code(1), "950000"), (make_credit_code(2), "980000")]
    parties = [party(buyer_code, f"招标人{n}", ["buyer"]),
               {"id": "dept", "name": department, "roles": ["reviewBody"], "identifier": {"id": department}}]
    parties += [party(code, f"投标人{code[-4:]}", ["tenderer"]) for code, _amount in bidders]
    parties += extra_parties or []
    data = {
        "ocid": f"ocds-test-{n:06d}",
        "id": release_id or f"ocds-test-{n:06d}-01",
        "date": date,
        "tag": ["tender", "award"],
        "initiationType": "tender",
        "buyer": {"id": f"CN-USCC-{buyer_code}", "name": f"招标人{n}"},
        "parties": parties,
        "tender": {
            "id": f"T-2026-{n:06d}",
            "title": f"道路改造工程{n}",
            "mainProcurementCategory": "works",
            "value": {"amount": Decimal("1000000"), "currency": "CNY"},
            "tenderPeriod": {"startDate": "2026-03-02T09:00:00+08:00", "endDate": "2026-03-23T09:30:00+08:00"},
        },
        "bids": {"details": [
            {"id": f"{n}-{i}", "date": "2026-03-23T08:00:00+08:00", "status": "valid",
             "tenderers": [{"id": f"CN-USCC-{code}"}], "value": {"amount": Decimal(str(amount)), "currency": "CNY"}}
            for i, (code, amount) in enumerate(bidders, start=1)
        ]},
    }
    if winner:
        amount = next((a for c, a in bidders if c == winner), "1")
        data["awards"] = [{"id": f"{n}-award", "status": "active", "date": "2026-04-01T10:00:00+08:00",
                           "suppliers": [{"id": f"CN-USCC-{winner}"}],
                           "value": {"amount": Decimal(str(amount)), "currency": "CNY"}}]
    return data


def package(releases: list[dict]) -> bytes:
    body = {"uri": "https://example.cn/ocds/package.json", "version": "1.1",
            "publishedDate": "2026-04-02T00:00:00+08:00", "releases": releases}
    return json.dumps(body, ensure_ascii=False, default=float).encode("utf-8")
