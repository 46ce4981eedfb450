"""The one Wagtail moderation set-up: page permissions per role on a page tree and a one-step
approval workflow by a role's group. The site tree (cms.services) and the quarterly reports
(reporting.services) both ask here; change who approves in one place."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupApprovalTask, GroupPagePermission, Page, Workflow, WorkflowPage, WorkflowTask

from directory.roles import Role

# The approval step every moderated tree uses.
APPROVAL_TASK_NAME = "委办公室审核"


def grant_page_permissions(page: Page, permissions: Mapping[Role, Iterable[str]]) -> None:
    """Give each role's group the wagtailcore page permissions (codenames) on `page` and below."""
    codenames = {codename for wanted in permissions.values() for codename in wanted}
    found = {p.codename: p for p in Permission.objects.filter(content_type__app_label="wagtailcore",
                                                              codename__in=codenames)}
    for role, wanted in permissions.items():
        group, _created = Group.objects.get_or_create(name=role.group_name)
        for codename in wanted:
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=found[codename])


def attach_approval_workflow(page: Page, *, workflow_name: str, approvers: Role) -> Workflow:
    """Put `page` and its subtree under a one-step workflow approved by `approvers`. Idempotent."""
    group, _created = Group.objects.get_or_create(name=approvers.group_name)
    task = GroupApprovalTask.objects.filter(name=APPROVAL_TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=APPROVAL_TASK_NAME)
    task.groups.set([group])
    workflow, _created = Workflow.objects.get_or_create(name=workflow_name, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    return workflow
