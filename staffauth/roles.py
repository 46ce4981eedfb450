"""The office supervisor runs the recovery path for a lost second factor and reads the account
trail; auditors read it too."""

from directory import roles

PERMISSIONS = {
    roles.OFFICE_SUPERVISOR.code: ["staffauth.reset_two_factor", "staffauth.view_accountevent"],
    roles.AUDITOR.code: ["staffauth.view_accountevent"],
}
