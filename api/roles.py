"""The office supervisor manages integration clients (gathered by `sync_roles`)."""

from directory import roles

PERMISSIONS = {
    roles.OFFICE_SUPERVISOR.code: ["api.view_integrationclient", "api.add_integrationclient",
                                   "api.change_integrationclient"],
}
