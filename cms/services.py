"""Editorial set-up of the site tree: who may write pages and who approves them (Wagtail's
moderation workflow). Editors draft and submit; the office supervisor approves and publishes."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from directory import roles

WORKFLOW_NAME = "网站内容审核"
TASK_NAME = "委办公室审核"
# Page permissions on the site tree: editors cannot publish, so every change goes through the workflow.
PAGE_PERMISSIONS = {
    roles.EDITOR: ("add_page", "change_page", "lock_page", "unlock_page"),
    roles.OFFICE_SUPERVISOR: ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
}
COLLECTION_PERMISSIONS = {
    roles.EDITOR: ("wagtailimages.add_image", "wagtailimages.change_image", "wagtailimages.choose_image",
                   "wagtaildocs.add_document", "wagtaildocs.change_document", "wagtaildocs.choose_document"),
    roles.OFFICE_SUPERVISOR: ("wagtailimages.choose_image", "wagtaildocs.choose_document"),
}


def _permission(key: str) -> Permission:
    app_label, codename = key.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def set_up_editorial_workflow(*, site_root: Page) -> Workflow:
    """Give the editor and office supervisor roles their page and media permissions on the site
    tree and put the tree under a one-step approval workflow by the office supervisors. Idempotent."""
    for role, codenames in PAGE_PERMISSIONS.items():
        group = Group.objects.get(name=role.group_name)
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(group=group, page=site_root,
                                                      permission=_permission(f"wagtailcore.{codename}"))
    root_collection = Collection.get_first_root_node()
    for role, keys in COLLECTION_PERMISSIONS.items():
        group = Group.objects.get(name=role.group_name)
        for key in keys:
            GroupCollectionPermission.objects.get_or_create(group=group, collection=root_collection,
                                                            permission=_permission(key))
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.set([Group.objects.get(name=roles.OFFICE_SUPERVISOR.group_name)])
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=site_root, defaults={"workflow": workflow})
    return workflow
