import re
import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.identifiers import normalize_credit_code, validate_credit_code
from directory.models.organisation import Department, code_validator


class MarketEntity(models.Model):
    """A market participant. Organisations are keyed by their unified social credit code,
    evaluation experts (natural persons) by their expert certificate number."""

    class Type(models.TextChoices):
        TENDERER = "tenderer", _("Tenderer")
        AGENCY = "agency", _("Tendering agency")
        BIDDER = "bidder", _("Bidder")
        EXPERT = "expert", _("Evaluation expert")

    code = models.CharField(
        _("credit code / expert no."),
        max_length=32,
        unique=True,
        help_text=_("Unified social credit code for organisations; certificate number for experts."),
    )
    name = models.CharField(_("name"), max_length=200, db_index=True)
    entity_type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    legal_representative = models.CharField(_("legal representative"), max_length=50, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    department = models.ForeignKey(
        Department, models.SET_NULL, null=True, blank=True, related_name="entities",
        verbose_name=_("supervising department"),
    )
    industry = models.CharField(_("industry"), max_length=100, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("market entity")
        verbose_name_plural = _("market entities")
        indexes = [models.Index(fields=["entity_type", "name"])]

    def __str__(self):
        return self.name

    def clean(self):
        if self.entity_type == self.Type.EXPERT:
            self.code = (self.code or "").strip()
            try:
                code_validator(self.code)
            except ValidationError as exc:
                raise ValidationError({"code": exc.messages}) from exc
        else:
            self.code = normalize_credit_code(self.code)
            try:
                validate_credit_code(self.code)
            except ValidationError as exc:
                raise ValidationError({"code": exc.messages}) from exc


# A leading province / region and city, as in "浙江省杭州市西湖区…" or "广西壮族自治区南宁市…":
# the same address is written with or without them.
_PROVINCE_PREFIX = re.compile(r"^(?:[\u4e00-\u9fff]{2,3}省|[\u4e00-\u9fff]{2,6}?自治区|[\u4e00-\u9fff]{2}特别行政区)")
# City names never contain 区/县/路/街…, so "东城区市场路" keeps its district.
_CITY_PREFIX = re.compile(r"^(?:(?![区县路街镇乡村号])[\u4e00-\u9fff]){2,5}?(?:市|自治州|地区|盟)")
_ADDRESS_PUNCTUATION = re.compile(r"[,.\-#()\[\]/，。、—－（）【】]")


def _normalize_phone(text: str) -> str:
    digits = re.sub(r"\D", "", text)
    if digits.startswith("0086"):
        digits = digits[4:]
    elif digits.startswith("86") and len(digits) > 11:
        digits = digits[2:]
    else:
        return digits
    # International form drops the trunk 0 of a landline area code: +86 571 … == 0571 ….
    return digits if digits.startswith(("1", "0")) else "0" + digits


def _normalize_address(text: str) -> str:
    text = _ADDRESS_PUNCTUATION.sub("", text).lower()
    text = _PROVINCE_PREFIX.sub("", text, count=1)
    # Municipalities repeat themselves: "北京市北京市朝阳区" or "上海市市辖区".
    for _repeat in range(2):
        stripped = _CITY_PREFIX.sub("", text, count=1)
        if not stripped:
            break
        text = stripped
    return text


def normalize_relation_value(kind: str, value: str) -> str:
    """The comparable form of a relation value: what two related bidders would share.

    Every kind: Unicode NFKC (full-width to half-width) and no whitespace. Phones and deposit
    accounts: digits only, a 86 / 0086 country prefix dropped. E-mail: lower-cased. Addresses:
    punctuation and a leading province / city dropped. People and holding companies (legal
    representative, manager, shareholder) compare the same way whatever the role, so one person
    matches across roles; a shareholder given as a credit code is upper-cased like entity codes.
    """
    text = re.sub(r"\s", "", unicodedata.normalize("NFKC", value or ""))
    if kind == EntityRelation.Kind.PHONE:
        return _normalize_phone(text)
    if kind == EntityRelation.Kind.DEPOSIT_ACCOUNT:
        return re.sub(r"\D", "", text)
    if kind == EntityRelation.Kind.EMAIL:
        return text.lower()
    if kind == EntityRelation.Kind.ADDRESS:
        return _normalize_address(text)
    if kind in PERSON_RELATION_KINDS and re.fullmatch(r"[0-9A-Za-z]{18}", text):
        return text.upper()
    return text


class EntityRelation(models.Model):
    """A fact linking an entity to a person or contact detail; shared values reveal related bidders."""

    class Kind(models.TextChoices):
        LEGAL_REPRESENTATIVE = "legal_representative", _("Legal representative")
        MANAGER = "manager", _("Manager")
        SHAREHOLDER = "shareholder", _("Shareholder")
        PHONE = "phone", _("Phone")
        EMAIL = "email", _("E-mail")
        ADDRESS = "address", _("Address")
        DEPOSIT_ACCOUNT = "deposit_account", _("Deposit account")

    entity = models.ForeignKey(
        MarketEntity, models.CASCADE, related_name="relations", verbose_name=_("entity")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    value = models.CharField(_("value"), max_length=200)
    normalized_value = models.CharField(_("normalized value"), max_length=200, editable=False, db_index=True)
    # Written only through directory.identity.protect(): a keyed index and a sealed copy.
    person_id_hash = models.CharField(
        _("person ID index"), max_length=64, blank=True, editable=False, db_index=True,
        help_text=_("Keyed hash (HMAC) of a person's ID number, to match people without storing the number."),
    )
    person_id_sealed = models.TextField(_("sealed person ID"), blank=True, editable=False)

    class Meta:
        ordering = ["entity", "kind"]
        verbose_name = _("entity relation")
        verbose_name_plural = _("entity relations")
        constraints = [
            models.UniqueConstraint(fields=["entity", "kind", "normalized_value"], name="uniq_entity_relation"),
        ]
        indexes = [models.Index(fields=["kind", "normalized_value"])]

    def __str__(self):
        return f"{self.entity} · {self.get_kind_display()}: {self.value}"

    def save(self, *args, **kwargs):
        self.normalized_value = normalize_relation_value(self.kind, self.value)
        super().save(*args, **kwargs)

    def clean(self):
        self.normalized_value = normalize_relation_value(self.kind, self.value)
        if not self.normalized_value:
            raise ValidationError({"value": _("The value is empty once normalised.")})


# Roles a person or holding company plays; a value shared in any two of them relates the entities.
PERSON_RELATION_KINDS = (
    EntityRelation.Kind.LEGAL_REPRESENTATIVE,
    EntityRelation.Kind.MANAGER,
    EntityRelation.Kind.SHAREHOLDER,
)


def relation_match_group(kind: str) -> str:
    """Relations are compared within a group: the person roles form one group, every other kind
    is its own."""
    return "person" if kind in PERSON_RELATION_KINDS else kind


class TradingProject(models.Model):
    class Category(models.TextChoices):
        CONSTRUCTION = "construction", _("Construction tendering")
        GOVERNMENT_PROCUREMENT = "government_procurement", _("Government procurement")
        LAND = "land", _("Land use rights")
        PROPERTY = "property", _("State property rights")
        OTHER = "other", _("Other")

    code = models.CharField(_("project code"), max_length=40, unique=True, validators=[code_validator])
    name = models.CharField(_("project name"), max_length=200, db_index=True)
    category = models.CharField(_("category"), max_length=30, choices=Category.choices)
    department = models.ForeignKey(
        Department, models.PROTECT, related_name="projects", verbose_name=_("supervising department")
    )
    tenderer = models.ForeignKey(
        MarketEntity, models.PROTECT, related_name="tendered_projects", verbose_name=_("tenderer")
    )
    agency = models.ForeignKey(
        MarketEntity, models.PROTECT, null=True, blank=True, related_name="agency_projects",
        verbose_name=_("tendering agency"),
    )
    budget = models.DecimalField(
        _("budget (yuan)"), max_digits=16, decimal_places=2, validators=[MinValueValidator(0)]
    )
    announced_on = models.DateField(_("announcement date"))
    bid_deadline = models.DateTimeField(_("bid submission deadline"))
    opened_at = models.DateTimeField(_("bid opening time"), null=True, blank=True)
    awarded_on = models.DateField(_("award date"), null=True, blank=True)
    completed_on = models.DateField(_("completion date"), null=True, blank=True)

    class Meta:
        ordering = ["-announced_on", "code"]
        verbose_name = _("trading project")
        verbose_name_plural = _("trading projects")
        indexes = [models.Index(fields=["department", "announced_on"])]

    def __str__(self):
        return f"{self.code} {self.name}"

    def clean(self):
        errors = {}
        if self.tenderer_id and self.tenderer.entity_type != MarketEntity.Type.TENDERER:
            errors["tenderer"] = _("The tenderer must be an entity of type tenderer.")
        if self.agency_id and self.agency.entity_type != MarketEntity.Type.AGENCY:
            errors["agency"] = _("The agency must be an entity of type tendering agency.")
        if self.announced_on and self.bid_deadline and timezone.localdate(self.bid_deadline) < self.announced_on:
            errors["bid_deadline"] = _("The bid deadline cannot be before the announcement.")
        if self.opened_at and self.bid_deadline and self.opened_at < self.bid_deadline:
            errors["opened_at"] = _("Bids cannot be opened before the submission deadline.")
        if self.awarded_on and self.announced_on and self.awarded_on < self.announced_on:
            errors["awarded_on"] = _("The award cannot be before the announcement.")
        if errors:
            raise ValidationError(errors)


class Bid(models.Model):
    project = models.ForeignKey(TradingProject, models.CASCADE, related_name="bids", verbose_name=_("project"))
    bidder = models.ForeignKey(MarketEntity, models.PROTECT, related_name="bids", verbose_name=_("bidder"))
    amount = models.DecimalField(_("bid amount (yuan)"), max_digits=16, decimal_places=2, validators=[MinValueValidator(0)])
    submitted_at = models.DateTimeField(_("submitted at"))
    is_valid = models.BooleanField(_("valid"), default=True)
    disqualification_reason = models.CharField(_("disqualification reason"), max_length=200, blank=True)
    file_metadata_hash = models.CharField(
        _("bid file metadata hash"), max_length=64, blank=True, db_index=True,
        help_text=_("Hash of the bid file's author/machine metadata; identical hashes suggest one author."),
    )
    ip_address = models.GenericIPAddressField(_("submission IP"), null=True, blank=True)

    class Meta:
        ordering = ["project", "amount"]
        verbose_name = _("bid")
        verbose_name_plural = _("bids")
        constraints = [models.UniqueConstraint(fields=["project", "bidder"], name="uniq_bid_per_bidder")]

    def __str__(self):
        return f"{self.project.code} · {self.bidder}"

    def clean(self):
        errors = {}
        if self.bidder_id and self.bidder.entity_type != MarketEntity.Type.BIDDER:
            errors["bidder"] = _("The bidder must be an entity of type bidder.")
        if not self.is_valid and not self.disqualification_reason:
            errors["disqualification_reason"] = _("Give the reason a bid was disqualified.")
        if errors:
            raise ValidationError(errors)


class Award(models.Model):
    project = models.OneToOneField(TradingProject, models.CASCADE, related_name="award", verbose_name=_("project"))
    winner = models.ForeignKey(MarketEntity, models.PROTECT, related_name="awards", verbose_name=_("winner"))
    amount = models.DecimalField(_("award amount (yuan)"), max_digits=16, decimal_places=2, validators=[MinValueValidator(0)])
    awarded_on = models.DateField(_("award date"))
    contract_signed_on = models.DateField(_("contract signed on"), null=True, blank=True)

    class Meta:
        ordering = ["-awarded_on"]
        verbose_name = _("award")
        verbose_name_plural = _("awards")

    def __str__(self):
        return f"{self.project.code} → {self.winner}"

    def clean(self):
        if self.project_id and self.winner_id:
            bid = Bid.objects.filter(project_id=self.project_id, bidder_id=self.winner_id).first()
            if bid is None:
                raise ValidationError({"winner": _("The winner did not bid on this project.")})
            if not bid.is_valid:
                raise ValidationError({"winner": _("The winner's bid was disqualified.")})
