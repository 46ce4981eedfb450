"""Case permissions per role (gathered by `sync_roles`). Transition permissions are declared on
cases.models.Case; department scope is enforced by cases.selectors on top of these."""

from directory import roles

_READ = ["cases.view_case", "cases.view_caseevent", "cases.view_attachment", "cases.view_supervisionnotice",
         "cases.view_extensionrequest", "cases.view_pausedinterval"]
_OFFICE = _READ + ["cases.view_all_cases", "cases.view_deadlinepolicy"]

PERMISSIONS = {
    roles.OFFICE_INTAKE.code: _OFFICE + [
        "cases.enter_case", "cases.triage_case", "cases.assign_case", "cases.reply_case",
        "cases.decide_withdrawal", "cases.transfer_case", "cases.add_attachment",
    ],
    roles.OFFICE_SUPERVISOR.code: _OFFICE + [
        "cases.supervise_case", "cases.reveal_identity", "cases.assign_case", "cases.transfer_case",
        "cases.decide_withdrawal", "cases.reply_case", "cases.change_deadlinepolicy",
    ],
    roles.DEPARTMENT_HEAD.code: _READ + [
        "cases.handle_case", "cases.approve_decision", "cases.reply_case", "cases.decide_withdrawal",
        "cases.add_attachment",
    ],
    roles.HANDLER.code: _READ + ["cases.handle_case", "cases.reply_case", "cases.add_attachment"],
    roles.GRID_SUPERVISOR.code: _READ + ["cases.handle_case", "cases.add_attachment"],
    roles.AUDITOR.code: _OFFICE,
}
