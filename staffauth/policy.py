"""Who must use a second factor, who counts as back-office staff, and how long an idle staff
session lives. Every check asks here."""

from django.conf import settings

from directory import roles

# Office, department, inspection and audit roles (DESIGN §6a). Editors publish pages only.
TWO_FACTOR_ROLES = (
    roles.OFFICE_INTAKE, roles.OFFICE_SUPERVISOR,
    roles.DEPARTMENT_HEAD, roles.HANDLER, roles.GRID_SUPERVISOR,
    roles.INSPECTOR, roles.INSPECTION_MANAGER,
    roles.AUDITOR,
)
TWO_FACTOR_GROUPS = frozenset(role.group_name for role in TWO_FACTOR_ROLES)
# Back-office areas where an unverified session of such a user is sent to the second step.
PROTECTED_PREFIXES = ("/admin/", "/django-admin/")
# Pages of those areas that must stay reachable before the second step (signing in or out), and
# the back office's icon sprite and translation catalogue, which the second-step page itself loads
# (redirected, the sprite script would paste the whole second-step page into it a second time).
OPEN_PATHS = (
    "/admin/login/",
    "/admin/logout/",
    "/admin/sprite/",
    "/admin/jsi18n/",
    "/django-admin/login/",
    "/django-admin/logout/",
)


def requires_two_factor(user) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_requires_two_factor", None)
    if cached is None:
        cached = user.groups.filter(name__in=TWO_FACTOR_GROUPS).exists()
        user._requires_two_factor = cached
    return cached


def is_back_office_user(user) -> bool:
    return user.is_authenticated and (user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin"))


def idle_timeout_seconds() -> int:
    return settings.STAFF_IDLE_TIMEOUT_MINUTES * 60
