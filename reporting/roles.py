from directory.roles import AUDITOR, OFFICE_INTAKE, OFFICE_SUPERVISOR

VIEW_STATISTICS = "reporting.view_statistics"

PERMISSIONS = {
    OFFICE_SUPERVISOR.code: [VIEW_STATISTICS, "reporting.view_quarterlysnapshot"],
    OFFICE_INTAKE.code: [VIEW_STATISTICS, "reporting.view_quarterlysnapshot"],
    AUDITOR.code: [VIEW_STATISTICS, "reporting.view_quarterlysnapshot"],
}
