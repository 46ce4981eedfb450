"""Back-office assets shared by every app: style helpers and the scripts that replace inline code,
which the Content-Security-Policy forbids."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_css")
def portal_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("portal/admin.css"))


@hooks.register("insert_global_admin_js")
def portal_admin_js():
    return format_html('<script src="{}" defer></script><script src="{}" defer></script>',
                       static("portal/admin-widgets.js"), static("portal/print.js"))
