import pytest
from django.contrib.auth.models import Group

from directory.roles import ALL_ROLES, AUDITOR, COMPLAINANT, OFFICE_SUPERVISOR, role_permissions, sync_roles

pytestmark = pytest.mark.django_db


def test_every_role_is_a_group_after_migrate():
    names = set(Group.objects.values_list("name", flat=True))
    assert {role.group_name for role in ALL_ROLES} <= names


def test_sync_is_idempotent_and_restores_permissions():
    sync_roles()
    group = Group.objects.get(name=OFFICE_SUPERVISOR.group_name)
    before = set(group.permissions.values_list("codename", flat=True))
    group.permissions.clear()
    sync_roles()
    sync_roles()
    assert set(group.permissions.values_list("codename", flat=True)) == before
    assert "change_calendarday" in before


def test_back_office_roles_reach_wagtail_and_complainants_do_not():
    perms = role_permissions()
    assert "wagtailadmin.access_admin" in perms[AUDITOR.code]
    assert "wagtailadmin.access_admin" not in perms[COMPLAINANT.code]
