"""Who may publish, withdraw and remove disclosures (DESIGN §5). Everyone with back-office access
who works on cases or inspections may read them."""

from directory import roles

_VIEW = ["publicity.view_disclosure", "publicity.view_disclosureevent"]
_PUBLISH = ["publicity.add_disclosure"]
_REMOVE = ["publicity.withdraw_disclosure", "publicity.repair_disclosure"]
# The search's synonym list (publicity.models.SearchSynonym), kept by the office and the site's editors.
_SYNONYMS = [f"publicity.{action}_searchsynonym" for action in ("view", "add", "change", "delete")]

PERMISSIONS = {
    roles.OFFICE_SUPERVISOR.code: _VIEW + _PUBLISH + _REMOVE + _SYNONYMS,
    roles.OFFICE_INTAKE.code: _VIEW + _PUBLISH,
    roles.INSPECTION_MANAGER.code: _VIEW + _PUBLISH,
    roles.DEPARTMENT_HEAD.code: _VIEW,
    roles.EDITOR.code: _VIEW + _SYNONYMS,
    roles.AUDITOR.code: _VIEW,
}
