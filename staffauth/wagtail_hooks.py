from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from staffauth import views


@hooks.register("register_admin_urls")
def staffauth_admin_urls():
    return [path("two-factor/reset/", views.reset, name="staffauth_reset")]


class ResetMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("staffauth.reset_two_factor")


@hooks.register("register_settings_menu_item")
def staffauth_reset_menu_item():
    return ResetMenuItem(_("Reset a second factor"), reverse("staffauth_reset"), icon_name="lock", order=900)


@hooks.register("register_account_menu_item")
def staffauth_backup_codes_item(request):
    return {"url": reverse("staffauth:codes"), "label": _("Two-factor backup codes"), "help_text": _(
        "Issue new single-use backup codes for signing in without your phone.")}
