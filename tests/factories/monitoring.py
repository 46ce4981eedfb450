"""Monitoring test data: tenders with bids and an award, written through the directory models."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from tests.factories.directory import AwardFactory, BidFactory, MarketEntityFactory, TradingProjectFactory


def tender(amounts, *, winner=0, bidders=None, department=None, awarded=True, valid=None, **project):
    """A tender with one bid per amount (bidders created unless given); the bid at index `winner`
    wins when `awarded`. Returns (project, bids)."""
    if department is not None:
        project["department"] = department
    proj = TradingProjectFactory(**project)
    bidders = bidders or [MarketEntityFactory() for _ in amounts]
    bids = []
    for index, (amount, bidder) in enumerate(zip(amounts, bidders, strict=True)):
        ok = True if valid is None else valid[index]
        bids.append(BidFactory(project=proj, bidder=bidder, amount=Decimal(str(amount)), is_valid=ok,
                               disqualification_reason="" if ok else "资格不符"))
    if awarded and amounts:
        AwardFactory(project=proj, winner=bids[winner].bidder, amount=bids[winner].amount)
    return proj, bids


def short_tender(days: int, **project):
    announced = dt.date(2026, 3, 2)
    deadline = timezone.make_aware(dt.datetime.combine(announced + dt.timedelta(days=days), dt.time(9, 30)))
    return TradingProjectFactory(announced_on=announced, bid_deadline=deadline, **project)
