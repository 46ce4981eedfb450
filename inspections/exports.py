"""xlsx export of a plan: manifest, drawn targets with inspectors, results."""

import io
import json

from django.utils.translation import gettext as _
from openpyxl import Workbook

from inspections import selectors
from portal.spreadsheets import neutralise_formula


class _SafeSheet:
    """A worksheet whose appended rows never hold live formulas (text typed by staff)."""

    def __init__(self, sheet):
        self.sheet = sheet

    def append(self, row):
        self.sheet.append([neutralise_formula(value) for value in row])


def plan_workbook(plan) -> bytes:
    book = Workbook()
    sheet = _SafeSheet(book.active)
    book.active.title = _("Plan")
    sheet.append([_("Plan number"), plan.code])
    sheet.append([_("Title"), plan.title])
    sheet.append([_("State"), plan.get_state_display()])
    sheet.append([_("Period"), f"{plan.period_start} — {plan.period_end}"])
    sheet.append([_("Departments"), "、".join(d.name for d in plan.departments.all())])
    record = getattr(plan, "draw_record", None)
    if record is not None:
        manifest = json.loads(record.manifest_json)
        sheet.append([_("Manifest SHA-256"), record.manifest_sha256])
        sheet.append([_("Seed commitment"), manifest["seed_commitment"]])
        sheet.append([_("Target snapshot SHA-256"), manifest["target_snapshot_sha256"]])
        sheet.append([_("Inspector snapshot SHA-256"), manifest["inspector_snapshot_sha256"]])
        if record.drawn_at:
            sheet.append([_("Secret"), record.secret])
            sheet.append([_("Public value"), record.public_value])
    results = _SafeSheet(book.create_sheet(_("Inspections")))
    results.append([_("No."), _("Target"), _("Target id"), _("Department"), _("Risk grade"), _("Selected because"),
                     _("Inspectors"), _("State"), _("Result"), _("Findings"), _("Ended on"), _("Publish by"),
                     _("Published on"), _("Case number")])
    for inspection in selectors.plan_inspections(plan):
        results.append([
            inspection.reference, inspection.target.name, inspection.target.target_id,
            inspection.target.department.name, inspection.stratum, inspection.get_selection_reason_display(),
            "、".join(a.inspector.staff.full_name for a in inspection.assignments.all()),
            inspection.get_state_display(), inspection.get_outcome_display(), inspection.findings,
            inspection.ended_on, inspection.publish_due, inspection.published_on, inspection.case_number,
        ])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
