"""The case staff's back-office home (the workbench): their work as counts that open the queue
behind them, and for the office's supervisor the office's overview. Counts come from
cases.selectors (a few set-based queries) and are shared with the menu within one request."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from cases import rules as case_rules
from cases import selectors, workbench
from cases.models import Case, State
from cases.models.case import APPROVE, ASSIGN, HANDLE, TRIAGE


def is_case_staff(user) -> bool:
    return user.is_active and user.has_module_perms(Case._meta.app_label)


def works_from_workbench(user) -> bool:
    """Case staff land on their work instead of Wagtail's page-editing home (editors and
    superusers keep Wagtail's panels)."""
    return is_case_staff(user) and not user.is_superuser


def counts_for(request) -> dict[str, int]:
    """workbench.workbench_counts once per request (the menu and the home both show them)."""
    if not hasattr(request, "_case_workbench_counts"):
        request._case_workbench_counts = workbench.workbench_counts(request.user)
    return request._case_workbench_counts


def queue_url(queue: str, **filters) -> str:
    url = reverse("cases_queue", args=[queue])
    return f"{url}?{urlencode(filters)}" if filters else url


@dataclass(frozen=True)
class Tile:
    key: str  # a key of workbench.workbench_counts
    label: str
    url: str
    urgent: bool = False


def tiles_for(user) -> list[Tile]:
    """The counts that are this user's work, in the order a working day goes through them."""
    office = selectors.sees_all_cases(user)
    supervisor = case_rules.supervises_cases.test(user)
    tiles = []
    if office and user.has_perm(TRIAGE):
        tiles.append(
            Tile("submitted", _("New filings awaiting acceptance"), queue_url("incoming", state=State.SUBMITTED))
        )
    if office and user.has_perm(ASSIGN):
        tiles.append(Tile("accepted", _("Accepted, awaiting referral"), queue_url("incoming", state=State.ACCEPTED)))
        tiles.append(Tile("returned", _("Returned by departments"), queue_url("returned")))
    if user.has_perm(HANDLE):
        tiles.append(Tile("my_due_soon", _("My cases due within 2 working days"), queue_url("mine", due_soon="true")))
        tiles.append(Tile("my_overdue", _("My overdue cases"), queue_url("mine", overdue="true"), urgent=True))
    tiles.append(Tile("due_soon", _("Due within 2 working days"), queue_url("due_soon")))
    tiles.append(Tile("overdue", _("Overdue"), queue_url("overdue"), urgent=True))
    if user.has_perm(APPROVE):
        tiles.append(Tile("my_review", _("Decisions awaiting my review"), queue_url("under_review")))
    if supervisor:
        tiles.append(Tile("extending", _("Extension requests"), reverse("cases_extensions")))
        tiles.append(Tile("escalated", _("Escalations to the commission"), queue_url("escalated"), urgent=True))
        tiles.append(Tile("supervised", _("Cases under supervision"), queue_url("supervised")))
    elif not office:
        tiles.append(Tile("extending", _("Extension requests pending"), queue_url("extending")))
        tiles.append(Tile("supervised", _("Supervision notices received"), queue_url("supervised"), urgent=True))
    return tiles


class WorkbenchPanel(Component):
    name = "case_workbench"
    order = 50
    template_name = "cases/admin/home_workbench.html"

    class Media:
        css = {"all": ["cases/admin-workbench.css"]}

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        user = self.request.user
        counts = counts_for(self.request)
        context = {"tiles": [(tile, counts[tile.key]) for tile in tiles_for(user)]}
        if case_rules.supervises_cases.test(user):
            overdue = workbench.overdue_by_department(user)
            for row in overdue:
                row["url"] = (
                    queue_url("overdue", department=row["department_id"])
                    if row["department_id"]
                    else queue_url("incoming", overdue="true")
                )
            context.update(
                overdue_by_department=overdue,
                satisfaction=workbench.satisfaction_this_year(user),
                overdue_url=queue_url("overdue"),
            )
        return context
