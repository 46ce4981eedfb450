"""The back-office workbench (issue 13, items 1-4): the home page per role with counts that open
their queues, menu counts, urgency order, bulk referral, case search from the admin search box,
and referrals that name only real handlers."""

import datetime as dt
import json
import re

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from cases import deadlines, services, workbench
from cases.models import Case, State
from tests.factories.cases import CaseFactory, advance, at, case_in_state

pytestmark = pytest.mark.django_db

HOME = "/admin/"


def tiles(response) -> dict[str, int]:
    """The home page's counts by tile, as rendered."""
    html = response.content.decode()
    found = re.findall(
        r'data-tile="([a-z_]+)">\s*<a href="([^"]+)"><span class="case-workbench__count">(\d+)</span>', html
    )
    return {key: int(count) for key, _url, count in found}


def tile_links(response) -> dict[str, str]:
    html = response.content.decode()
    found = re.findall(r'data-tile="([a-z_]+)">\s*<a href="([^"]+)">', html)
    return {key: url.replace("&amp;", "&") for key, url in found}


def sidebar(response) -> str:
    """The sidebar menu as text (Wagtail renders it from JSON props)."""
    html = response.content.decode()
    props = re.search(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S)
    return json.dumps(json.loads(props.group(1)), ensure_ascii=False)


def listed(client, url):
    return [case.number for case in client.get(url).context["object_list"]]


@pytest.fixture
def office_day(team):
    """Two new filings, one accepted awaiting referral, one returned, and work in the department:
    one of the handler's cases overdue, one due tomorrow, one awaiting review."""
    with at(dt.date(2026, 1, 5)):
        overdue = case_in_state(team, State.INVESTIGATING)
    new = [CaseFactory(), CaseFactory()]
    accepted = case_in_state(team, State.ACCEPTED)
    returned = case_in_state(team, State.ASSIGNED)
    services.return_to_office(case_id=returned.pk, actor=team.handler, reason="不属于本部门职责")
    review = case_in_state(team, State.UNDER_REVIEW)
    due_soon = case_in_state(team, State.INVESTIGATING)
    Case.objects.filter(pk=due_soon.pk).update(current_due=deadlines.today() + dt.timedelta(days=1))
    return {
        "overdue": overdue,
        "new": new,
        "accepted": accepted,
        "returned": returned,
        "review": review,
        "due_soon": due_soon,
    }


def test_the_office_lands_on_its_intake_work(team, client_for, office_day):
    client = client_for(team.intake)
    response = client.get(HOME)
    counts = tiles(response)
    assert counts["submitted"] == 2
    assert counts["accepted"] == 2  # the accepted one and the one the department returned
    assert counts["returned"] == 1
    assert counts["overdue"] >= 1
    assert "my_due_soon" not in counts and "my_review" not in counts  # the office handles no cases
    page = response.content.decode()
    assert "搜索所有页面" not in page and "Search all pages" not in page  # Wagtail's page home is gone
    # Each count opens the queue that holds exactly those cases.
    links = tile_links(response)
    assert sorted(listed(client, links["submitted"])) == sorted(case.number for case in office_day["new"])
    assert listed(client, links["returned"]) == [office_day["returned"].number]


def test_a_handler_lands_on_their_own_cases(team, client_for, office_day):
    client = client_for(team.handler)
    response = client.get(HOME)
    counts = tiles(response)
    assert counts["my_overdue"] == 1 and counts["my_due_soon"] == 1
    assert "submitted" not in counts and "my_review" not in counts
    links = tile_links(response)
    assert listed(client, links["my_overdue"]) == [office_day["overdue"].number]
    assert listed(client, links["my_due_soon"]) == [office_day["due_soon"].number]


def test_a_head_sees_the_decisions_awaiting_review(team, client_for, office_day):
    response = client_for(team.head).get(HOME)
    counts = tiles(response)
    assert counts["my_review"] == 1
    assert listed(client_for(team.head), tile_links(response)["my_review"]) == [office_day["review"].number]


def test_the_supervisor_sees_the_office_overview(team, client_for, office_day):
    services.issue_supervision_notice(case_id=office_day["overdue"].pk, actor=team.supervisor, note="请加快办理")
    response = client_for(team.supervisor).get(HOME)
    page = response.content.decode()
    counts = tiles(response)
    assert counts["supervised"] == 1 and counts["escalated"] == 0
    assert f'data-department="{team.department.pk}"' in page  # overdue by department
    assert "逾期" in page and "满意" in page


def test_the_menu_shows_the_counts(team, client_for, office_day):
    menu = sidebar(client_for(team.intake).get(HOME))
    assert "新收案件 (4)" in menu  # two new, one accepted, one returned
    assert "部门退回 (1)" in menu
    assert "我的案件" in sidebar(client_for(team.handler).get(HOME))


def test_home_counts_cost_the_same_few_queries_at_any_size(team):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    case_in_state(team, State.INVESTIGATING)
    user = team.supervisor

    def queries_for_counts():
        with CaptureQueriesContext(connection) as captured:
            counts = workbench.workbench_counts(user)
            workbench.overdue_by_department(user)
            workbench.satisfaction_this_year(user)
        return len(captured), counts

    queries_for_counts()  # permission cache
    case_in_state(team, State.ASSIGNED)  # a change: the counts are computed again in both rounds
    few_queries, few = queries_for_counts()
    for _ in range(3):
        case_in_state(team, State.ASSIGNED)
    more_queries, more = queries_for_counts()
    assert more["incoming"] == few["incoming"] and more["mine"] == few["mine"] == 0
    assert few_queries == more_queries <= 5  # counts, overdue by department, satisfaction, calendar


def test_queues_put_the_most_urgent_first(team, client_for):
    with at(dt.date(2026, 1, 5)):
        older_overdue = case_in_state(team, State.ACCEPTED)
    with at(dt.date(2026, 2, 2)):
        newer_overdue = case_in_state(team, State.ACCEPTED)
    fresh = case_in_state(team, State.ACCEPTED)
    numbers = listed(client_for(team.intake), reverse("cases_queue", args=["incoming"]))
    assert numbers == [older_overdue.number, newer_overdue.number, fresh.number]


def test_queue_rows_stay_on_one_line_with_the_full_title_on_hover(team, client_for):
    case = CaseFactory(title="关于某某市城东片区道路改造及配套管网工程施工总承包项目评标结果的投诉" * 2)
    page = client_for(team.intake).get(reverse("cases_queue", args=["incoming"])).content.decode()
    assert f'title="{case.title}"' in page
    assert "case-queue" in page and "cases/admin-queue.css" in page


def test_the_office_refers_several_cases_in_one_action(team, client_for):
    first, second = case_in_state(team, State.ACCEPTED), case_in_state(team, State.ACCEPTED)
    not_accepted = CaseFactory()
    client = client_for(team.intake)
    queue = reverse("cases_queue", args=["incoming"])
    assert 'form="bulk-referral"' in client.get(queue).content.decode()
    response = client.post(
        f"{reverse('cases_bulk_refer')}?next={queue}",
        {"department": team.department.pk, "cases": [first.pk, second.pk, not_accepted.pk]},
    )
    assert response.status_code == 302 and response["Location"] == queue
    for case in (first, second):
        case = Case.objects.get(pk=case.pk)
        assert case.state == State.ASSIGNED and case.department == team.department
        assert case.events.filter(action="assigned", actor=team.intake).exists()
    assert Case.objects.get(pk=not_accepted.pk).state == State.SUBMITTED
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any(first.number in m and second.number in m and "转办" in m for m in messages)
    assert any(not_accepted.number in m and "未转办" in m for m in messages)


def test_bulk_referral_is_refused_to_the_departments(team, client_for):
    case = case_in_state(team, State.ACCEPTED)
    response = client_for(team.head).post(
        reverse("cases_bulk_refer"), {"department": team.department.pk, "cases": [case.pk]}
    )
    assert response.status_code in (302, 403) and response.get("Location", "/admin/") == "/admin/"
    assert Case.objects.get(pk=case.pk).state == State.ACCEPTED
    assert (
        'form="bulk-referral"'
        not in client_for(team.head).get(reverse("cases_queue", args=["department"])).content.decode()
    )


def test_the_admin_search_box_finds_cases(team, client_for):
    case = CaseFactory(title="关于城西污水处理厂招标的投诉")
    page = client_for(team.intake).get(HOME).content.decode()
    assert reverse("cases_queue", args=["all"]) in page  # the sidebar's search goes to the cases
    client = client_for(team.intake)
    search = reverse("cases_queue", args=["all"])
    assert listed(client, f"{search}?q={case.number}") == [case.number]
    assert listed(client, f"{search}?q=城西污水") == [case.number]
    assert listed(client, f"{search}?q={case.project.code}") == [case.number]
    assert listed(client, f"{search}?q=张伟") == [case.number]  # the filer, visible to the office


def test_search_never_finds_a_filer_the_user_may_not_see(team, client_for):
    confidential = CaseFactory(filer_name="欧阳秘", is_confidential=True, kind="report")
    advance(confidential, team, State.ASSIGNED)
    open_filer = case_in_state(team, State.ASSIGNED, filer_name="欧阳明")
    search = reverse("cases_queue", args=["all"])
    for user in (team.handler, team.supervisor):
        client = client_for(user)
        assert listed(client, f"{search}?q=欧阳") == [open_filer.number]
        assert listed(client, f"{search}?q={confidential.number}") == [confidential.number]


def test_the_referral_form_offers_only_handlers_of_the_department(team, client_for):
    case = case_in_state(team, State.ACCEPTED)
    page = client_for(team.intake).get(reverse("cases_action", args=[case.pk, "assign"])).content.decode()
    assert "cases/referral.js" in page
    handler_select = page[page.index('data-referral="handler"') :]
    handler_select = handler_select[: handler_select.index("</select>")]
    for user in (team.handler, team.grid_handler, team.grid_supervisor, team.other_handler):
        assert f'value="{user.pk}"' in handler_select
        assert f'data-department="{user.staff_profile.department_id}"' in handler_select
    for user in (team.head, team.intake, team.supervisor, team.auditor):
        assert f'value="{user.pk}"' not in handler_select


def test_a_referral_to_a_handler_of_another_department_is_refused(team, client_for):
    case = case_in_state(team, State.ACCEPTED)
    with pytest.raises(ValidationError) as refused:
        services.assign(case_id=case.pk, actor=team.intake, department=team.department, handler=team.other_handler)
    assert "不是" in refused.value.message_dict["handler"][0] and "承办人" in refused.value.message_dict["handler"][0]
    with pytest.raises(ValidationError):  # a head is not a handler to name
        services.assign(case_id=case.pk, actor=team.intake, department=team.department, handler=team.head)
    response = client_for(team.intake).post(
        reverse("cases_action", args=[case.pk, "assign"]),
        {"version": case.version, "department": team.department.pk, "handler": team.other_handler.pk},
    )
    assert response.status_code == 200
    assert "不是" in str(response.context["form"].errors["handler"])
    assert Case.objects.get(pk=case.pk).state == State.ACCEPTED


def test_the_named_handler_sees_the_case_in_my_cases(team, client_for):
    case = case_in_state(team, State.ACCEPTED)
    services.assign(case_id=case.pk, actor=team.intake, department=team.department, handler=team.grid_supervisor)
    case = Case.objects.get(pk=case.pk)
    assert case.grid == team.grid  # the grid supervisor's grid comes with them
    assert listed(client_for(team.grid_supervisor), reverse("cases_queue", args=["mine"])) == [case.number]
    assert case.number not in listed(client_for(team.handler), reverse("cases_queue", args=["mine"]))


def test_the_home_page_costs_the_same_queries_with_more_cases(team, client_for, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    case_in_state(team, State.INVESTIGATING)
    client = client_for(team.supervisor)
    client.get(HOME)  # warm per-session caches

    def home_queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(HOME).status_code == 200
        return len(captured)

    case_in_state(team, State.ACCEPTED)  # a change: the counts are computed again in both rounds
    few = home_queries()
    for _ in range(4):
        case_in_state(team, State.ACCEPTED)
    with django_assert_num_queries(few):
        client.get(HOME)


def test_counts_come_from_the_shared_cache_until_a_case_changes(team):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    case_in_state(team, State.SUBMITTED)
    first = workbench.workbench_counts(team.intake)
    with CaptureQueriesContext(connection) as captured:
        assert workbench.workbench_counts(team.intake) == first
    assert not [query for query in captured if "cases_case" in query["sql"]]
    case_in_state(team, State.SUBMITTED)  # the filing's events: every user's counts are computed again
    assert workbench.workbench_counts(team.intake)["submitted"] == first["submitted"] + 1
