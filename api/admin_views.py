"""Back office for integration clients: the generic create and edit views save through
api.services, and the token is shown once, in the response that created or rotated it."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.admin.views.generic import CreateView, EditView
from wagtail.log_actions import log

from api import services
from api.models import IntegrationClient

FIELDS = ["name", "department", "acts_as", "scopes", "allowed_networks", "expires_at", "is_active"]


def _show_token(request, issued, *, created: bool):
    response = TemplateResponse(request, "api/admin/token.html", {
        "client": issued.client, "token": issued.token, "created": created,
        "index_url": reverse("api_client:index"),
        "edit_url": reverse("api_client:edit", args=[issued.client.pk]),
    })
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


class ClientCreateView(CreateView):
    def save_instance(self):
        self.issued = services.create_client(**{name: self.form.cleaned_data[name] for name in FIELDS})
        log(self.issued.client, "wagtail.create", user=self.request.user)
        return self.issued.client

    def save_action(self):
        return _show_token(self.request, self.issued, created=True)


class ClientEditView(EditView):
    def save_instance(self):
        client = services.update_client(client_id=self.object.pk,
                                        **{name: self.form.cleaned_data[name] for name in FIELDS})
        log(client, "wagtail.edit", user=self.request.user)
        return client


@require_POST
def rotate_token(request, pk):
    if not request.user.has_perm("api.change_integrationclient"):
        raise PermissionDenied
    client = get_object_or_404(IntegrationClient, pk=pk)
    issued = services.rotate_token(client_id=client.pk)
    log(issued.client, "api.rotate_token", user=request.user, title=str(_("New token issued")))
    return _show_token(request, issued, created=False)
