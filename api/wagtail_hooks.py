"""Back-office menu for integration clients (Settings → API clients)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from api import admin_views
from api.admin_forms import IntegrationClientForm
from api.models import IntegrationClient


class IntegrationClientViewSet(ModelViewSet):
    model = IntegrationClient
    icon = "key"
    menu_label = _("API clients")
    add_to_settings_menu = True
    list_display = ["name", "department", "expires_at", "is_active", "last_used_at"]
    list_filter = ["department", "is_active"]
    search_fields = ["name"]
    add_view_class = admin_views.ClientCreateView
    edit_view_class = admin_views.ClientEditView
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = ["name", "department", "acts_as", "scopes", "allowed_networks", "expires_at", "is_active",
                           "token_prefix", "token_issued_at", "last_used_at", "created_at"]
    edit_template_name = "api/admin/client_edit.html"

    def get_form_class(self, for_update=False):
        return IntegrationClientForm


@hooks.register("register_admin_viewset")
def register_client_viewset():
    return IntegrationClientViewSet("api_client")


@hooks.register("register_admin_urls")
def register_rotate_url():
    return [path("api/clients/<int:pk>/rotate/", admin_views.rotate_token, name="api_client_rotate")]


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("api.rotate_token", _("Issue a new API token"), _("New API token issued"))
