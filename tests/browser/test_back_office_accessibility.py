"""axe-core scan of the main back-office pages (issue 9 item 13): home, the case queues with an
overdue case, a case page, the inspection plans and a drawn plan, publicity, the statistics
dashboard, its printable version and a quarterly report as the office reviews its draft. No
serious or critical violation may remain. Screenshots: test-artifacts/<test name>/."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import State
from directory.roles import INSPECTION_MANAGER
from inspections.models import InspectionPlan
from inspections.services import plans
from reporting.figures.period import Period
from reporting.services import draft_quarterly_report
from tests.browser.conftest import axe_violations, log_in_staff
from tests.factories.cases import at, case_in_state, make_team
from tests.factories.cms import make_home
from tests.factories.directory import UserFactory
from tests.factories.inspections import (
    EntityTargetFactory,
    InspectionItemFactory,
    InspectionPlanFactory,
    InspectorFactory,
)
from tests.factories.publicity import DisclosureFactory

# serialized_rollback: the flush after a live-server test must not take Wagtail's root page from
# the tests that run later.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def a_busy_office() -> dict:
    """Cases in several states (one far past its decision deadline), a drawn inspection plan, a
    disclosure and last quarter's report draft."""
    team = make_team()
    today = timezone.localdate()
    quarter = Period.previous_quarter(today)
    with at(quarter.first + dt.timedelta(days=14)):
        overdue = case_in_state(team, State.INVESTIGATING)
        case_in_state(team, State.CLOSED)
    with at(today - dt.timedelta(days=3)):
        case_in_state(team, State.SUBMITTED)
    plan = drawn_plan(team)
    DisclosureFactory(department=team.department)
    make_home()
    report = draft_quarterly_report(year=quarter.first.year, quarter=quarter.quarter_number)
    return {"case": overdue, "plan": plan, "report": report, "department": team.department}


def drawn_plan(team):
    manager = UserFactory(username="a11y_inspection_manager", roles=[INSPECTION_MANAGER])
    items = [InspectionItemFactory(department=team.department)]
    for index in range(8):
        EntityTargetFactory(department=team.department, risk_grade="ABCD"[index % 4])
    for _ in range(3):
        InspectorFactory(department=team.department)
    plan = InspectionPlanFactory(created_by=manager)
    plan.departments.set([team.department])
    plan.items.set(items)
    plans.approve_plan(plan=plan, actor=manager)
    plans.start_draw(plan=plan, actor=manager, now=plan.draw_at + dt.timedelta(minutes=1))  # the task runs on commit
    plan = InspectionPlan.objects.get(pk=plan.pk)  # protected state: no refresh_from_db()
    assert plan.state == "drawn", plan.draw_message
    return plan


def test_main_back_office_pages_have_no_serious_accessibility_violations(page, roles):
    data = a_busy_office()
    administrator = UserFactory(username="a11y_admin", is_superuser=True, is_staff=True)
    log_in_staff(page, administrator)
    pages = {
        "home": reverse("wagtailadmin_home"),
        "queue-all": reverse("cases_queue", args=["all"]),
        "queue-overdue": reverse("cases_queue", args=["overdue"]),
        "case": reverse("cases_case", args=[data["case"].pk]),
        "plans": reverse("inspections_plan:index"),
        "plan": reverse("inspections_plan:edit", args=[data["plan"].pk]),
        "disclosures": reverse("publicity_disclosure:index"),
        "complaint-decisions": reverse("publicity_complaint_decisions"),
        "statistics": reverse("reporting_dashboard"),
        "statistics-print": reverse("reporting_print"),
        "quarterly-report": reverse("wagtailadmin_pages:view_draft", args=[data["report"].pk]),
    }
    found = {}
    for name, path in pages.items():
        response = page.goto(path)
        assert response.ok, (path, response.status)
        page.shot(name)
        violations = axe_violations(page)
        if violations:
            found[name] = violations
    assert not found, found
    # The quarterly report's department table, wider than the page, scrolls from the keyboard.
    page.goto(pages["quarterly-report"])
    department_table = page.locator("[role=region][tabindex='0']").filter(has_text=data["department"].short_name)
    department_table.focus()
    page.keyboard.press("ArrowRight")
    assert department_table.evaluate("element => element.scrollLeft") > 0
    page.goto(pages["queue-overdue"])  # the scan did see an overdue label
    row = page.get_by_role("row").filter(has_text=data["case"].number)
    assert "已超期" in row.inner_text()
