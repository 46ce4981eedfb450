"""Permissions of the roles that work with random inspections (gathered by sync_roles)."""

from directory.roles import AUDITOR, INSPECTION_MANAGER, INSPECTOR, OFFICE_SUPERVISOR

_MODELS = ("inspectionitem", "inspectiontarget", "inspector", "inspectortie", "inspectionplan", "inspection",
           "inspectionevidence")
_VIEW = [f"inspections.view_{model}" for model in _MODELS] + [
    "inspections.view_drawrecord", "inspections.view_planevent", "inspections.view_inspectionevent",
    "inspections.view_targetevent", "inspections.view_inspectionassignment",
]

PERMISSIONS = {
    INSPECTION_MANAGER.code: _VIEW + [
        f"inspections.{action}_{model}" for model in _MODELS for action in ("add", "change", "delete")
        if model != "inspection"
    ] + ["inspections.change_inspection", "inspections.approve_inspectionplan", "inspections.run_draw",
         "inspections.work_inspection", "inspections.publish_inspection"],
    INSPECTOR.code: [
        "inspections.view_inspection", "inspections.view_inspectionplan", "inspections.view_inspectionitem",
        "inspections.view_inspectiontarget", "inspections.view_inspectionevidence", "inspections.add_inspectionevidence",
        "inspections.view_inspectionevent", "inspections.work_inspection",
    ],
    OFFICE_SUPERVISOR.code: _VIEW,
    AUDITOR.code: _VIEW,
}
