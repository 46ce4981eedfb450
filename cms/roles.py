"""Site settings (hotline, address, office hours, footer) are kept by the editors and the office
supervisor. Page permissions are per page tree: see cms.services.set_up_editorial_workflow."""

from directory import roles

PERMISSIONS = {
    roles.EDITOR.code: ["cms.change_portalsettings"],
    roles.OFFICE_SUPERVISOR.code: ["cms.change_portalsettings"],
}
