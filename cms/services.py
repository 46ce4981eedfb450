"""Editorial set-up of the site tree: who may write pages and who approves them (Wagtail's
moderation workflow). Editors draft and submit; the office supervisor approves and publishes."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, Page, Workflow

from cms.moderation import APPROVAL_TASK_NAME, attach_approval_workflow, grant_page_permissions
from directory import roles

WORKFLOW_NAME = "网站内容审核"
TASK_NAME = APPROVAL_TASK_NAME
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
    grant_page_permissions(site_root, PAGE_PERMISSIONS)
    root_collection = Collection.get_first_root_node()
    for role, keys in COLLECTION_PERMISSIONS.items():
        group = Group.objects.get(name=role.group_name)
        for key in keys:
            GroupCollectionPermission.objects.get_or_create(group=group, collection=root_collection,
                                                            permission=_permission(key))
    return attach_approval_workflow(site_root, workflow_name=WORKFLOW_NAME, approvers=roles.OFFICE_SUPERVISOR)
