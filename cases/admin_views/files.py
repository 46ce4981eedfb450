"""Attachment downloads: only through this permission-checked view, never a public media URL."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from django.views import View

from cases import selectors, services
from cases.admin_views.common import require_case_staff
from cases.models import Attachment
from portal.storage import attachment_response


def shows_hidden_identity(attachment, *, identity_visible: bool) -> bool:
    """A scan of a paper filing shows who filed it."""
    return attachment.purpose == Attachment.Purpose.SCAN and not identity_visible


def may_reveal(user) -> bool:
    return user.has_perm(selectors.REVEAL)


class AttachmentDownloadView(View):
    def get(self, request, pk, attachment_pk):
        require_case_staff(request.user)
        case = selectors.get_visible_case(request.user, pk)
        attachment = get_object_or_404(Attachment, pk=attachment_pk, case=case)
        identity_visible = selectors.filer_identity(request.user, case) is not None
        if shows_hidden_identity(attachment, identity_visible=identity_visible):
            if not may_reveal(request.user):
                raise PermissionDenied
            services.reveal_identity(case_id=case.pk, actor=request.user, reason=gettext(
                "Downloaded the scan “%(name)s”, which shows the filer's identity.") % {"name": attachment.original_name})
        return attachment_response(attachment.file, filename=attachment.original_name,
                                   content_type=attachment.content_type)
