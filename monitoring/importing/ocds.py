"""One OCDS 1.1 release (with the bids extension) → unsaved directory rows, checked by the
models' own rules before anything is written.

Mapping (documented for users in README "Trading data import"):
- parties with a `CN-USCC` identifier → MarketEntity (role buyer → tenderer, procuringEntity
  other than the buyer → agency, tenderer/supplier → bidder); contactPoint telephone/email,
  address and the local `details` fields legalRepresentative, managers, shareholders,
  depositAccounts → EntityRelation;
- tender → TradingProject (code = tender.id, or the ocid when tender.id is not a valid code;
  tender.title, mainProcurementCategory, value.amount, tenderPeriod start/end, bidOpening.date);
  the supervising department is the party with role reviewBody (its identifier or name matched
  against Department code/name), else the importer's default department;
- bids.details → Bid (first tenderer is the bidder; status disqualified → invalid, withdrawn →
  ignored; local fields fileMetadataHash and ipAddress);
- the active award → Award (first supplier; contract dateSigned from contracts).
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import NamedTuple
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_ipv46_address
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from directory.credit_code import normalize as normalize_credit_code
from directory.models import Award, Department, EntityRelation, MarketEntity, TradingProject
from directory.models.market import normalize_relation_value
from directory.models.organisation import code_validator

USCC_SCHEME = "CN-USCC"
LOCAL_TIMEZONE = ZoneInfo(settings.TIME_ZONE)
PARTY_CACHE_SIZE = 100_000

CATEGORY_BY_OCDS = {
    "works": TradingProject.Category.CONSTRUCTION,
    "goods": TradingProject.Category.GOVERNMENT_PROCUREMENT,
    "services": TradingProject.Category.GOVERNMENT_PROCUREMENT,
}

RELEASE_DATE = gettext_lazy("Release date")
BID_DATE = gettext_lazy("Bid date")


class BidLabel:
    """"Bid n amount", translated only when an error message needs it."""

    def __init__(self, number: int):
        self.number = number

    def __str__(self):
        return _("Bid %(number)s amount") % {"number": self.number}


RELATION_DETAILS = {
    "legalRepresentative": EntityRelation.Kind.LEGAL_REPRESENTATIVE,
    "managers": EntityRelation.Kind.MANAGER,
    "shareholders": EntityRelation.Kind.SHAREHOLDER,
    "depositAccounts": EntityRelation.Kind.DEPOSIT_ACCOUNT,
}


class BidRow(NamedTuple):
    """A bid as written: plain values, since a tender may have a million of them."""

    bidder_code: str
    amount: Decimal
    submitted_at: dt.datetime
    is_valid: bool
    disqualification_reason: str
    file_metadata_hash: str
    ip_address: str | None


class RelationRow(NamedTuple):
    entity_code: str
    kind: str
    value: str
    normalized_value: str  # normalize_relation_value, computed once per party


class ReleaseError(Exception):
    """A release that cannot be imported; the message is shown to the user."""


@dataclass
class ParsedRelease:
    row: int
    ocid: str
    release_id: str
    release_date: dt.datetime
    entities: dict[str, MarketEntity]
    relations: list[RelationRow]
    project: TradingProject
    tenderer_code: str
    agency_code: str | None
    bids: list[BidRow] = field(default_factory=list)
    has_bids: bool = False
    award: tuple[str, Award] | None = None
    is_update: bool = False  # the ocid was imported before


def _text(value) -> str:
    return str(value).strip() if value is not None else ""


def _moment(value, what) -> dt.datetime:
    parsed = None
    if isinstance(value, str):
        try:
            parsed = dt.datetime.fromisoformat(value.strip())  # C fast path for ISO 8601
        except ValueError:
            parsed = parse_datetime(value.strip())
    if parsed is None:
        raise ReleaseError(_("%(what)s is missing or not a date and time: “%(value)s”.")
                           % {"what": what, "value": _text(value)})
    if parsed.tzinfo is None:
        parsed = timezone.make_aware(parsed)
    return parsed


def _optional_moment(value, what) -> dt.datetime | None:
    return _moment(value, what) if value else None


def _local_date(moment: dt.datetime) -> dt.date:
    return moment.astimezone(LOCAL_TIMEZONE).date()


CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("1e14")  # max_digits=16 with 2 decimal places


def _amount(value, what) -> Decimal:
    if isinstance(value, dict):
        value = value.get("amount")
    try:
        amount = value if isinstance(value, Decimal) else Decimal(value if isinstance(value, int) else str(value))
    except (InvalidOperation, TypeError, ValueError):
        raise ReleaseError(_("%(what)s is missing or not a number: “%(value)s”.")
                           % {"what": what, "value": _text(value)}) from None
    if not amount.is_finite() or amount < 0:
        raise ReleaseError(_("%(what)s must be a non-negative number.") % {"what": what})
    if amount >= MAX_AMOUNT:
        raise ReleaseError(_("%(what)s is too large.") % {"what": what})
    return amount.quantize(CENT)


def _messages(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return "；".join(f"{field}: {'，'.join(msgs)}" if field != "__all__" else "，".join(msgs)
                        for field, msgs in exc.message_dict.items())
    return "；".join(exc.messages)


def _address(party: dict) -> str:
    address = party.get("address") or {}
    parts = [address.get(key) for key in ("region", "locality", "streetAddress")]
    return "".join(_text(p) for p in parts if p)[:200]


class ReleaseParser:
    """Parses releases one at a time; caches department look-ups and entity types."""

    def __init__(self, *, default_department: Department | None = None):
        self.default_department = default_department
        self._departments: dict[str, Department | None] = {}
        self._parties: dict[tuple, tuple[MarketEntity, list]] = {}

    def _party(self, party: dict, party_id: str, entity_type: str) -> tuple[MarketEntity, list]:
        """The entity a party describes and its relations; a firm in many releases is checked once."""
        identifier = party.get("identifier") or {}
        if _text(identifier.get("scheme")) != USCC_SCHEME:
            raise ReleaseError(_("Party “%(name)s” has no CN-USCC identifier.")
                               % {"name": _text(party.get("name")) or party_id})
        contact = party.get("contactPoint") or {}
        details = party.get("details") or {}
        entity = MarketEntity(
            code=normalize_credit_code(_text(identifier.get("id"))),
            name=_text(party.get("name") or identifier.get("legalName")),
            entity_type=entity_type,
            legal_representative=_text(details.get("legalRepresentative")),
            address=_address(party),
            phone=_text(contact.get("telephone")),
            email=_text(contact.get("email")),
        )
        try:
            entity.full_clean(exclude=["department"], validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            raise ReleaseError(_("Party “%(name)s”: %(reason)s")
                               % {"name": entity.name or party_id, "reason": _messages(exc)}) from None
        candidates = [
            (EntityRelation.Kind.PHONE, entity.phone),
            (EntityRelation.Kind.EMAIL, entity.email),
            (EntityRelation.Kind.ADDRESS, entity.address),
        ]
        for key, kind in RELATION_DETAILS.items():
            values = details.get(key) or []
            for value in [values] if isinstance(values, str) else values:
                candidates.append((kind, _text(value.get("name") if isinstance(value, dict) else value)[:200]))
        relations = []
        for kind, value in candidates:
            normalized = normalize_relation_value(kind, value) if value else ""
            if normalized:
                relations.append(RelationRow(entity.code, kind, value, normalized))
        return entity, relations

    def department(self, release: dict, parties: list[dict]) -> Department:
        for party in parties:
            if "reviewBody" in (party.get("roles") or []):
                keys = [_text((party.get("identifier") or {}).get("id")), _text(party.get("name"))]
                for key in filter(None, keys):
                    if key not in self._departments:
                        self._departments[key] = (
                            Department.objects.filter(code=key).first()
                            or Department.objects.filter(name=key).first()
                        )
                    if self._departments[key] is not None:
                        return self._departments[key]
                raise ReleaseError(_("The supervising department “%(name)s” (role reviewBody) is not in the directory.")
                                   % {"name": keys[1] or keys[0]})
        if self.default_department is None:
            raise ReleaseError(_("No supervising department: give a party with role reviewBody or choose a default department."))
        return self.default_department

    def parse(self, release: dict, row: int) -> ParsedRelease:
        ocid = _text(release.get("ocid"))
        release_id = _text(release.get("id"))
        if not ocid or not release_id:
            raise ReleaseError(_("A release needs both an ocid and an id."))
        release_date = _moment(release.get("date"), RELEASE_DATE)
        parties = release.get("parties") or []
        tender = release.get("tender") or {}

        entities: dict[str, MarketEntity] = {}
        codes_by_party: dict[str, str] = {}
        relations: list[RelationRow] = []
        tenderer_code = agency_code = None
        buyer_party = _text((release.get("buyer") or {}).get("id"))
        procuring_party = _text((tender.get("procuringEntity") or {}).get("id"))
        for party in parties:
            party_id = _text(party.get("id"))
            roles = set(party.get("roles") or [])
            if party_id == buyer_party:
                roles.add("buyer")
            if party_id == procuring_party:
                roles.add("procuringEntity")
            if "buyer" in roles:
                entity_type = MarketEntity.Type.TENDERER
            elif "procuringEntity" in roles:
                entity_type = MarketEntity.Type.AGENCY
            elif roles & {"tenderer", "supplier"}:
                entity_type = MarketEntity.Type.BIDDER
            else:
                continue  # reviewBody and other roles are not market entities
            key = (entity_type, repr(party))
            if key not in self._parties:
                if len(self._parties) > PARTY_CACHE_SIZE:
                    self._parties.clear()
                self._parties[key] = self._party(party, party_id, entity_type)
            entity, party_relations = self._parties[key]
            code = entity.code
            entities[code] = entity
            codes_by_party[party_id] = code
            relations.extend(party_relations)
            if entity_type == MarketEntity.Type.TENDERER:
                tenderer_code = code
            elif entity_type == MarketEntity.Type.AGENCY:
                agency_code = code

        if tenderer_code is None:
            raise ReleaseError(_("The release names no buyer (tenderer) with a CN-USCC identifier."))
        project = self._project(release, tender, ocid, release_date, parties)
        project.tenderer = entities[tenderer_code]
        project.agency = entities[agency_code] if agency_code else None
        # Field values were checked while parsing (code, amounts, dates; texts cut to length);
        # the model's cross-field rules are checked here, without a query per tender.
        try:
            project.clean()
        except ValidationError as exc:
            raise ReleaseError(_messages(exc)) from None
        parsed = ParsedRelease(
            row=row, ocid=ocid, release_id=release_id, release_date=release_date, entities=entities,
            relations=relations, project=project, tenderer_code=tenderer_code, agency_code=agency_code,
        )
        self._bids(release, parsed, codes_by_party)
        self._award(release, parsed, codes_by_party)
        return parsed

    def _project(self, release, tender, ocid, release_date, parties) -> TradingProject:
        tender_id = _text(tender.get("id"))
        code = tender_id
        try:
            code_validator(code)
            if len(code) > 40:
                raise ValidationError("too long")
        except ValidationError:
            code = ocid
        period = tender.get("tenderPeriod") or {}
        start = _optional_moment(period.get("startDate"), gettext_lazy("Tender period start"))
        deadline = _moment(period.get("endDate"), gettext_lazy("Tender period end (bid deadline)"))
        value = tender.get("value") or ((release.get("planning") or {}).get("budget") or {}).get("amount")
        project = TradingProject(
            code=code,
            name=_text(tender.get("title"))[:200],
            category=CATEGORY_BY_OCDS.get(_text(tender.get("mainProcurementCategory")), TradingProject.Category.OTHER),
            department=self.department(release, parties),
            budget=_amount(value, gettext_lazy("Tender value")),
            announced_on=_local_date(start or release_date),
            bid_deadline=deadline,
            opened_at=_optional_moment((tender.get("bidOpening") or {}).get("date"), gettext_lazy("Bid opening date")),
        )
        if not project.name:
            raise ReleaseError(_("The tender has no title."))
        return project

    def _bids(self, release, parsed: ParsedRelease, codes_by_party):
        bids = release.get("bids")
        if bids is None:
            return
        parsed.has_bids = True
        seen = set()
        for number, detail in enumerate(bids.get("details") or [], start=1):
            status = _text(detail.get("status")).lower()
            if status == "withdrawn":
                continue
            tenderers = detail.get("tenderers") or []
            party_id = _text(tenderers[0].get("id")) if tenderers else ""
            code = codes_by_party.get(party_id)
            if code is None:
                raise ReleaseError(_("Bid %(number)s names a tenderer that is not among the parties with a CN-USCC identifier.")
                                   % {"number": number})
            if code in seen:
                raise ReleaseError(_("Bidder %(code)s bids twice in one tender.") % {"code": code})
            seen.add(code)
            # Bid.clean's rules, checked on plain values: the bidder is a bidder, a disqualified
            # bid has a reason (the release's statusDetails or a stated default).
            if parsed.entities[code].entity_type != MarketEntity.Type.BIDDER:
                raise ReleaseError(_("Bid %(number)s: %(reason)s")
                                   % {"number": number, "reason": _("The bidder must be an entity of type bidder.")})
            ip_address = _text(detail.get("ipAddress")) or None
            if ip_address:
                try:
                    validate_ipv46_address(ip_address)
                except ValidationError:
                    raise ReleaseError(_("Bid %(number)s has an invalid IP address “%(ip)s”.")
                                       % {"number": number, "ip": ip_address}) from None
            is_valid = status != "disqualified"
            parsed.bids.append(BidRow(
                bidder_code=code,
                amount=_amount(detail.get("value"), BidLabel(number)),
                submitted_at=_optional_moment(detail.get("date"), BID_DATE) or parsed.project.bid_deadline,
                is_valid=is_valid,
                disqualification_reason="" if is_valid else (
                    _text(detail.get("statusDetails")) or _("Disqualified (no reason given in the release)"))[:200],
                file_metadata_hash=_text(detail.get("fileMetadataHash"))[:64],
                ip_address=ip_address,
            ))

    def _award(self, release, parsed: ParsedRelease, codes_by_party):
        awards = [a for a in (release.get("awards") or []) if _text(a.get("status")) in ("", "active")]
        if not awards:
            return
        award = awards[-1]
        suppliers = award.get("suppliers") or []
        code = codes_by_party.get(_text(suppliers[0].get("id"))) if suppliers else None
        if code is None:
            raise ReleaseError(_("The award names no supplier among the parties with a CN-USCC identifier."))
        # Award.clean's rule, checked against this release's bids instead of the database.
        winning = next((bid for bid in parsed.bids if bid.bidder_code == code), None)
        if winning is None:
            raise ReleaseError(_("The winner did not bid on this project."))
        if winning is not None and not winning.is_valid:
            raise ReleaseError(_("The winner's bid was disqualified."))
        signed = None
        for contract in release.get("contracts") or []:
            if _text(contract.get("awardID")) == _text(award.get("id")) and contract.get("dateSigned"):
                signed = _local_date(_moment(contract["dateSigned"], gettext_lazy("Contract signing date")))
        awarded_at = _optional_moment(award.get("date"), gettext_lazy("Award date")) or parsed.release_date
        value = award.get("value")
        amount = _amount(value, gettext_lazy("Award value")) if value else (winning.amount if winning else None)
        if amount is None:
            raise ReleaseError(_("The award has no value."))
        record = Award(project=parsed.project, winner=parsed.entities[code], amount=amount,
                       awarded_on=_local_date(awarded_at), contract_signed_on=signed)
        parsed.project.awarded_on = record.awarded_on
        if record.awarded_on < parsed.project.announced_on:
            raise ReleaseError(_("The award cannot be before the announcement."))
        parsed.award = (code, record)
