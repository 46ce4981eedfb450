"""Import/export of the target and inspector directories, keyed on natural codes."""

from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext as _
from import_export import fields

from directory.models import Department, MarketEntity, StaffProfile, TradingProject
from directory.resources import IdNumberColumnMixin
from inspections.models import AUDITED_TARGET_FIELDS, InspectionItem, InspectionTarget, Inspector
from portal.importing import CodeForeignKeyWidget, StrictResource


class InspectionItemResource(StrictResource):
    department = fields.Field("department", "department", CodeForeignKeyWidget(Department))

    class Meta(StrictResource.Meta):
        model = InspectionItem
        import_id_fields = ["code"]
        fields = ["code", "name", "legal_basis", "department", "kind", "is_active"]


class InspectionTargetResource(StrictResource):
    """One row per target: `entity` (credit code) or `project` (project code) names the subject."""

    entity = fields.Field("entity", "entity", CodeForeignKeyWidget(MarketEntity))
    project = fields.Field("project", "project", CodeForeignKeyWidget(TradingProject))
    department = fields.Field("department", "department", CodeForeignKeyWidget(Department))

    class Meta(StrictResource.Meta):
        model = InspectionTarget
        import_id_fields = ["kind", "entity", "project"]
        fields = ["kind", "entity", "project", "department", "industry", "risk_grade", "forced_complaint",
                  "forced_lead", "forced_note", "last_inspected_on", "is_active"]

    def before_save_instance(self, instance, row, **kwargs):
        # Import may set a new target's grade, never change an existing one (that goes through
        # inspections.services.targets.change_grade, with a target event and a reason).
        if instance.pk:
            stored = InspectionTarget.objects.filter(pk=instance.pk).values(*AUDITED_TARGET_FIELDS).get()
            changed = [name for name in AUDITED_TARGET_FIELDS if stored[name] != getattr(instance, name)]
            if changed:
                raise ValueError(_("%(target)s: the risk grade cannot be changed by import; use “Change grade” "
                                   "in the target directory, with a reason.") % {"target": instance})
        super().before_save_instance(instance, row, **kwargs)

    def before_import_row(self, row, **kwargs):
        if row.get("entity"):
            row["entity"] = str(row["entity"]).strip().upper()
        if not row.get("entity") and not row.get("project"):
            raise ValueError(_("Give the entity's credit code or the project code."))


class InspectorResource(IdNumberColumnMixin, StrictResource):
    staff = fields.Field("staff", "employee_no", CodeForeignKeyWidget(StaffProfile, field="employee_no"))

    class Meta(StrictResource.Meta):
        model = Inspector
        import_id_fields = ["certificate_no"]
        fields = ["certificate_no", "staff", "certificate_valid_until", "person_id_hash", "person_id_sealed",
                  "is_active"]

    def dehydrate_staff(self, inspector):
        try:
            return inspector.staff.employee_no
        except ObjectDoesNotExist:
            return ""
