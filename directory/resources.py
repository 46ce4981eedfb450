"""Import/export of the reference directory, keyed on natural codes."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils.translation import gettext as _
from import_export import fields

from directory import identity
from directory.calendar import calendar_changed
from directory.models import (
    Award,
    Bid,
    CalendarDay,
    Department,
    EntityRelation,
    Grid,
    MarketEntity,
    StaffProfile,
    TradingProject,
)
from directory.roles import ROLES_BY_CODE
from directory.services import create_account
from portal.importing import CodeForeignKeyWidget, StrictResource


class IdNumberColumnMixin:
    """An ID number kept for conflict checks arrives as the plain column `id_column` and is stored
    only as directory.identity protects it; neither the number nor its index or sealed copy is ever
    exported."""

    id_column = "person_id_number"
    stored_prefix = "person_id"

    def before_import_row(self, row, **kwargs):
        stored = (f"{self.stored_prefix}_hash", f"{self.stored_prefix}_sealed")
        if any(row.get(name) for name in stored):
            raise ValueError(_("Give the ID number in the column %(column)s; hashes are not imported.") % {
                "column": self.id_column})
        number = str(row.pop(self.id_column, "") or "").strip()
        if number:
            if not identity.is_valid_id_number(number):
                raise ValueError(_("Enter an 18-character resident ID number."))
            protected = identity.protect(number)
            row[stored[0]], row[stored[1]] = protected.index, protected.sealed
        super().before_import_row(row, **kwargs)

    def get_export_fields(self, selected_fields=None):
        hidden = {f"{self.stored_prefix}_hash", f"{self.stored_prefix}_sealed"}
        return [f for f in super().get_export_fields(selected_fields) if f.attribute not in hidden]


class DepartmentResource(StrictResource):
    class Meta(StrictResource.Meta):
        model = Department
        import_id_fields = ["code"]
        fields = ["code", "name", "short_name", "kind", "industry", "phone", "email", "address", "is_active"]


class GridResource(StrictResource):
    department = fields.Field("department", "department", CodeForeignKeyWidget(Department))

    class Meta(StrictResource.Meta):
        model = Grid
        import_id_fields = ["code"]
        fields = ["code", "name", "department", "area", "industry", "contact_phone", "contact_email", "is_active"]


class StaffProfileResource(StrictResource):
    """Creates missing user accounts (without a usable password) and sets their role groups
    from a comma-separated `roles` column of role codes. Dry runs roll back inside a transaction."""

    user = fields.Field(attribute="user", column_name="username",
                        widget=CodeForeignKeyWidget(get_user_model(), field="username"))
    department = fields.Field("department", "department", CodeForeignKeyWidget(Department))
    grid = fields.Field("grid", "grid", CodeForeignKeyWidget(Grid))
    roles = fields.Field("roles", readonly=True)

    class Meta(StrictResource.Meta):
        model = StaffProfile
        import_id_fields = ["employee_no"]
        fields = ["employee_no", "user", "full_name", "department", "grid", "title", "phone", "roles"]
        skip_unchanged = False

    def dehydrate_roles(self, profile):
        names = set(profile.user.groups.values_list("name", flat=True)) if profile.pk else set()
        return ",".join(r.code for r in ROLES_BY_CODE.values() if r.group_name in names)

    def _role_codes(self, row):
        raw = str(row.get("roles") or "").replace("，", ",")
        codes = [c.strip() for c in raw.split(",") if c.strip()]
        unknown = [c for c in codes if c not in ROLES_BY_CODE]
        if unknown:
            raise ValueError(_("Unknown role codes: %(codes)s") % {"codes": ", ".join(unknown)})
        return codes

    def before_import_row(self, row, **kwargs):
        username = str(row.get("username") or "").strip()
        if not username:
            raise ValueError(_("Every staff row needs a username."))
        self._role_codes(row)
        if not get_user_model().objects.filter(username=username).exists():
            create_account(username=username)  # no usable password until the office sets one

    def after_save_instance(self, instance, row, **kwargs):
        codes = self._role_codes(row)
        if codes:
            groups = Group.objects.filter(name__in=[ROLES_BY_CODE[c].group_name for c in codes])
            instance.user.groups.set(groups)


class MarketEntityResource(StrictResource):
    department = fields.Field("department", "department", CodeForeignKeyWidget(Department))

    class Meta(StrictResource.Meta):
        model = MarketEntity
        import_id_fields = ["code"]
        fields = ["code", "name", "entity_type", "legal_representative", "address", "phone", "email",
                  "department", "industry", "is_active"]

    def before_import_row(self, row, **kwargs):
        if row.get("code") and row.get("entity_type") != MarketEntity.Type.EXPERT:
            row["code"] = str(row["code"]).strip().upper()


class EntityRelationResource(IdNumberColumnMixin, StrictResource):
    entity = fields.Field("entity", "entity", CodeForeignKeyWidget(MarketEntity))

    class Meta(StrictResource.Meta):
        model = EntityRelation
        import_id_fields = ["entity", "kind", "value"]
        fields = ["entity", "kind", "value", "person_id_hash", "person_id_sealed"]


class TradingProjectResource(StrictResource):
    department = fields.Field("department", "department", CodeForeignKeyWidget(Department))
    tenderer = fields.Field("tenderer", "tenderer", CodeForeignKeyWidget(MarketEntity))
    agency = fields.Field("agency", "agency", CodeForeignKeyWidget(MarketEntity))

    class Meta(StrictResource.Meta):
        model = TradingProject
        import_id_fields = ["code"]
        fields = ["code", "name", "category", "department", "tenderer", "agency", "budget", "announced_on",
                  "bid_deadline", "opened_at", "awarded_on", "completed_on"]


class BidResource(StrictResource):
    project = fields.Field("project", "project", CodeForeignKeyWidget(TradingProject))
    bidder = fields.Field("bidder", "bidder", CodeForeignKeyWidget(MarketEntity))

    class Meta(StrictResource.Meta):
        model = Bid
        import_id_fields = ["project", "bidder"]
        fields = ["project", "bidder", "amount", "submitted_at", "is_valid", "disqualification_reason",
                  "file_metadata_hash", "ip_address"]


class AwardResource(StrictResource):
    project = fields.Field("project", "project", CodeForeignKeyWidget(TradingProject))
    winner = fields.Field("winner", "winner", CodeForeignKeyWidget(MarketEntity))

    class Meta(StrictResource.Meta):
        model = Award
        import_id_fields = ["project"]
        fields = ["project", "winner", "amount", "awarded_on", "contract_signed_on"]


class CalendarDayResource(StrictResource):
    class Meta(StrictResource.Meta):
        model = CalendarDay
        import_id_fields = ["date"]
        fields = ["date", "is_workday", "note"]

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        if not kwargs.get("dry_run") and not result.has_errors():
            calendar_changed()

