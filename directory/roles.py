"""Roles are Django groups. Each project app may declare the permissions its roles need in a
`roles.py` module with a `PERMISSIONS = {role_code: [app_label.codename, ...]}` mapping;
`sync_roles` gathers them all and makes every group hold exactly those permissions."""

from dataclasses import dataclass
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import transaction


@dataclass(frozen=True)
class Role:
    code: str
    group_name: str
    back_office: bool = True


OFFICE_INTAKE = Role("office_intake", "委办公室受理员")
OFFICE_SUPERVISOR = Role("office_supervisor", "委办公室督办员")
DEPARTMENT_HEAD = Role("department_head", "部门负责人")
HANDLER = Role("handler", "承办人")
GRID_SUPERVISOR = Role("grid_supervisor", "网格监管员")
INSPECTOR = Role("inspector", "执法检查人员")
INSPECTION_MANAGER = Role("inspection_manager", "抽查管理员")
EDITOR = Role("editor", "网站编辑")
AUDITOR = Role("auditor", "审计查阅员")
COMPLAINANT = Role("complainant", "投诉举报人", back_office=False)

ALL_ROLES = (
    OFFICE_INTAKE, OFFICE_SUPERVISOR, DEPARTMENT_HEAD, HANDLER, GRID_SUPERVISOR,
    INSPECTOR, INSPECTION_MANAGER, EDITOR, AUDITOR, COMPLAINANT,
)
ROLES_BY_CODE = {role.code: role for role in ALL_ROLES}

PROJECT_APPS = settings.PROJECT_APPS

_DIRECTORY_READ = [
    f"directory.view_{model}"
    for model in ("department", "grid", "staffprofile", "marketentity", "entityrelation",
                  "tradingproject", "bid", "award", "calendarday", "calendaryear")
]

PERMISSIONS = {
    OFFICE_INTAKE.code: _DIRECTORY_READ,
    OFFICE_SUPERVISOR.code: _DIRECTORY_READ + [
        "directory.add_calendarday", "directory.change_calendarday", "directory.delete_calendarday",
        "directory.add_calendaryear", "directory.change_calendaryear",
    ],
    DEPARTMENT_HEAD.code: _DIRECTORY_READ,
    HANDLER.code: _DIRECTORY_READ,
    GRID_SUPERVISOR.code: _DIRECTORY_READ,
    INSPECTOR.code: ["directory.view_marketentity", "directory.view_tradingproject"],
    INSPECTION_MANAGER.code: _DIRECTORY_READ,
    AUDITOR.code: _DIRECTORY_READ,
}


def role_permissions() -> dict[str, set[str]]:
    """Every role's permissions, gathered from the project apps' roles modules."""
    wanted = {role.code: set() for role in ALL_ROLES}
    for role in ALL_ROLES:
        if role.back_office:
            wanted[role.code].add("wagtailadmin.access_admin")
    for label in PROJECT_APPS:
        if find_spec(f"{label}.roles") is None:
            continue
        module = import_module(f"{label}.roles")
        for code, perms in getattr(module, "PERMISSIONS", {}).items():
            if code not in wanted:
                raise ValueError(f"{label}.roles names an unknown role {code!r}")
            wanted[code].update(perms)
    return wanted


@transaction.atomic
def sync_roles() -> dict[str, int]:
    """Create the role groups and set their permissions exactly; safe to run any number of times."""
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
    by_key = {
        f"{app_label}.{codename}": pk
        for pk, app_label, codename in Permission.objects.values_list(
            "pk", "content_type__app_label", "codename"
        )
    }
    counts = {}
    for code, perms in role_permissions().items():
        missing = sorted(p for p in perms if p not in by_key)
        if missing:
            raise ValueError(f"Role {code} names unknown permissions: {', '.join(missing)}")
        group, _ = Group.objects.get_or_create(name=ROLES_BY_CODE[code].group_name)
        group.permissions.set([by_key[p] for p in perms])
        counts[code] = len(perms)
    return counts


def sync_roles_after_migrate(sender, app_config=None, **kwargs):
    # Run once, after the last app has migrated, so every app's permissions exist.
    # (post_migrate is only sent for apps that have a models module.)
    with_models = [config for config in apps.get_app_configs() if config.models_module is not None]
    if app_config is not None and app_config is with_models[-1]:
        sync_roles()


def user_has_role(user, role: Role) -> bool:
    return user.is_authenticated and user.groups.filter(name=role.group_name).exists()
