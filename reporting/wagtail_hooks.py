"""Back-office entry to the statistics dashboard."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from reporting.admin_views import DashboardView, ExportView, PrintView
from reporting.roles import VIEW_STATISTICS


@hooks.register("register_admin_urls")
def register_statistics_urls():
    return [
        path("statistics/", DashboardView.as_view(), name="reporting_dashboard"),
        path("statistics/print/", PrintView.as_view(), name="reporting_print"),
        path("statistics/export/<slug:table>.xlsx", ExportView.as_view(), name="reporting_export"),
    ]


class StatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_STATISTICS)


@hooks.register("register_admin_menu_item")
def register_statistics_menu_item():
    return StatisticsMenuItem(_("Statistics"), reverse("reporting_dashboard"), icon_name="table", order=250)
