"""Who may publish, withdraw and remove disclosures (DESIGN §5). Everyone with back-office access
who works on cases or inspections may read them."""

from directory import roles

_VIEW = ["publicity.view_disclosure", "publicity.view_disclosureevent"]
_PUBLISH = ["publicity.add_disclosure"]
_REMOVE = ["publicity.withdraw_disclosure", "publicity.repair_disclosure"]

PERMISSIONS = {
    roles.OFFICE_SUPERVISOR.code: _VIEW + _PUBLISH + _REMOVE,
    roles.OFFICE_INTAKE.code: _VIEW + _PUBLISH,
    roles.INSPECTION_MANAGER.code: _VIEW + _PUBLISH,
    roles.DEPARTMENT_HEAD.code: _VIEW,
    roles.EDITOR.code: _VIEW,
    roles.AUDITOR.code: _VIEW,
}
