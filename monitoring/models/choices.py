"""Enumerations of integrity monitoring (DESIGN §6). Codes are stable; labels are translated."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Screen(models.TextChoices):
    """Every screen that can raise a lead. The code is part of a lead's fingerprint: never rename."""

    BID_KING = "bid_king", _("Win rate far above expectation (bid king)")
    COVER_BIDDER = "cover_bidder", _("Win rate far below expectation (cover bidder)")
    UNSUCCESSFUL_BIDS = "unsuccessful_bids", _("Excessive unsuccessful bids (R025)")
    CO_BIDDING_RING = "co_bidding_ring", _("Co-bidding ring with rotating wins")
    RELATED_BIDDERS = "related_bidders", _("Related bidders in one tender")
    PRICE_SPREAD = "price_spread", _("Low price variation among bids")
    BID_GAP = "bid_gap", _("Unusual gap between the two lowest bids (R024/R058)")
    IDENTICAL_BIDS = "identical_bids", _("Identical bid prices (R028)")
    SINGLE_BIDDER = "single_bidder", _("Single bidder (R018)")
    SHORT_TENDER_PERIOD = "short_tender_period", _("Short tender period (R003)")
    COLLUSIVE_TENDER = "collusive_tender", _("Collusive tender (combined score)")


class LeadState(models.TextChoices):
    NEW = "new", pgettext_lazy("lead state", "New")
    REVIEWING = "reviewing", _("Under review")
    DISMISSED = "dismissed", pgettext_lazy("lead", "Dismissed")
    CONVERTED = "converted", _("Converted to a case")
    RISK_RAISED = "risk_raised", _("Risk grade raised")


OPEN_LEAD_STATES = (LeadState.NEW, LeadState.REVIEWING)


class RunTrigger(models.TextChoices):
    NIGHTLY = "nightly", _("Nightly schedule")
    BACK_OFFICE = "back_office", _("Started in the back office")
    COMMAND = "command", _("Command line")
    DEMO = "demo", _("Demo data")


class RunState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Finished")
    FAILED = "failed", pgettext_lazy("job run", "Failed")
