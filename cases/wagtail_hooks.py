"""Back office for cases: the Cases menu (queues, staff entry, extension requests) and the
case page with its action forms."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.search import SearchArea

from cases import selectors, workbench
from cases.admin_views import home
from cases.admin_views.actions import CaseActionView
from cases.admin_views.bulk import BulkReferralView
from cases.admin_views.decision import DecisionDocumentPdfView, DecisionDocumentView
from cases.admin_views.detail import CaseDetailView
from cases.admin_views.extensions import DecideExtensionView, PendingExtensionsView
from cases.admin_views.files import AttachmentDownloadView
from cases.admin_views.identity_export import IdentityExportView
from cases.admin_views.intake import ReceiptView, StaffIntakeView
from cases.admin_views.queues import QUEUE_TITLES, CaseQueueView, queue_names_for


@hooks.register("register_admin_urls")
def register_case_urls():
    return [
        path("cases/queue/<str:queue>/", CaseQueueView.as_view(), name="cases_queue"),
        path("cases/queue/<str:queue>/results/", CaseQueueView.as_view(results_only=True), name="cases_queue_results"),
        path("cases/queue/<str:queue>/identities/", IdentityExportView.as_view(), name="cases_identity_export"),
        path("cases/new/", StaffIntakeView.as_view(), name="cases_intake"),
        path("cases/<int:pk>/", CaseDetailView.as_view(), name="cases_case"),
        path("cases/<int:pk>/receipt/", ReceiptView.as_view(), name="cases_receipt"),
        path("cases/<int:pk>/decision/", DecisionDocumentView.as_view(), name="cases_decision"),
        path("cases/<int:pk>/decision.pdf", DecisionDocumentPdfView.as_view(), name="cases_decision_pdf"),
        path("cases/<int:pk>/do/<str:action>/", CaseActionView.as_view(), name="cases_action"),
        path("cases/<int:pk>/files/<int:attachment_pk>/", AttachmentDownloadView.as_view(), name="cases_attachment"),
        path("cases/bulk/refer/", BulkReferralView.as_view(), name="cases_bulk_refer"),
        path("cases/extensions/", PendingExtensionsView.as_view(), name="cases_extensions"),
        path("cases/extensions/<int:pk>/decide/", DecideExtensionView.as_view(), name="cases_extension_decide"),
    ]


def _is_case_staff(request):
    return home.is_case_staff(request.user)


class CountedMenuItem(MenuItem):
    """A menu entry that shows how many cases wait there (counts: cases.admin_views.home)."""

    count_key = None

    def render_component(self, request):
        component = super().render_component(request)
        count = home.counts_for(request).get(self.count_key) if self.count_key else None
        if count:
            component.label = f"{self.label} ({count})"
        return component


class QueueMenuItem(CountedMenuItem):
    def __init__(self, queue, order):
        self.queue = queue
        self.count_key = queue if queue in workbench.COUNTED_QUEUES else None
        super().__init__(QUEUE_TITLES[queue], reverse("cases_queue", args=[queue]), name=f"cases-{queue}",
                         icon_name="list-ul", order=order)

    def is_shown(self, request):
        return _is_case_staff(request) and self.queue in queue_names_for(request.user)


class PermissionMenuItem(CountedMenuItem):
    def __init__(self, *args, check, count_key=None, **kwargs):
        self.check = check
        self.count_key = count_key
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return _is_case_staff(request) and self.check(request.user)


class CasesMenuItem(SubmenuMenuItem):
    def is_shown(self, request):
        return _is_case_staff(request)


def _can_supervise(user):
    return user.has_perm(selectors.SUPERVISE) and selectors.sees_all_cases(user)


@hooks.register("register_admin_menu_item")
def register_cases_menu():
    items = [QueueMenuItem(name, order=100 + i) for i, name in enumerate(QUEUE_TITLES)]
    items.append(PermissionMenuItem(_("Enter a case"), reverse("cases_intake"), name="cases-new", icon_name="plus",
                                    order=10, check=lambda user: user.has_perm(selectors.ENTER)))
    items.append(PermissionMenuItem(_("Extension requests"), reverse("cases_extensions"), name="cases-extensions",
                                    icon_name="time", order=300, check=_can_supervise, count_key="extending"))
    return CasesMenuItem(_("Cases"), Menu(items=items), name="cases", icon_name="clipboard-list", order=150)


@hooks.register("construct_homepage_panels")
def show_the_workbench(request, panels):
    """Case staff land on their work: Wagtail's page-editing panels give way to it."""
    if not home.works_from_workbench(request.user):
        return
    panels[:] = [panel for panel in panels if not type(panel).__module__.startswith("wagtail.")]
    panels.append(home.WorkbenchPanel(request))


@hooks.register("construct_main_menu")
def hide_the_editor_help(request, menu_items):
    """Wagtail's help menu is the page editor's guide; case staff have no pages to edit."""
    if home.works_from_workbench(request.user):
        menu_items[:] = [item for item in menu_items if item.name != "help"]


class CaseSearchArea(SearchArea):
    """The back office's search box finds cases (number, title, filer where visible, project);
    ordered before Wagtail's page search so the sidebar's search goes here for case staff."""

    def __init__(self):
        super().__init__(_("Cases"), reverse("cases_queue", args=["all"]), name="cases", icon_name="clipboard-list",
                         order=50)

    def is_shown(self, request):
        return _is_case_staff(request)


@hooks.register("register_admin_search_area")
def register_case_search_area():
    return CaseSearchArea()
