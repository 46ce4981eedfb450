"""Permissions of the roles that see monitoring leads (gathered by sync_roles). Office supervisors
and auditors see every department's leads; department heads their own department's; inspectors and
editors none."""

from directory.roles import AUDITOR, DEPARTMENT_HEAD, OFFICE_SUPERVISOR

_READ = ["monitoring.view_lead", "monitoring.view_leadevent", "monitoring.view_screenrun",
         "monitoring.view_screenparameter"]

PERMISSIONS = {
    OFFICE_SUPERVISOR.code: _READ + ["monitoring.view_all_leads", "monitoring.handle_lead", "monitoring.run_screens",
                                     "monitoring.change_screenparameter"],
    DEPARTMENT_HEAD.code: _READ + ["monitoring.handle_lead"],
    AUDITOR.code: _READ + ["monitoring.view_all_leads"],
}
