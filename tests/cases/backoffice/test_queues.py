"""Back-office queues: who sees what, filters, search, sorting, pagination, query counts, export."""

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse

from cases.models import Channel, Kind, State
from tests.factories.cases import CaseFactory, advance, at, case_in_state

pytestmark = pytest.mark.django_db


def queue_url(name, **params):
    from urllib.parse import urlencode

    url = reverse("cases_queue", args=[name])
    return f"{url}?{urlencode(params, doseq=True)}" if params else url


def listed_numbers(response):
    return [row.number for row in response.context["object_list"]]


def test_every_queue_opens_for_every_staff_role(team, client_for):
    case_in_state(team, State.INVESTIGATING)
    for user in (team.intake, team.supervisor, team.head, team.handler, team.grid_supervisor, team.auditor):
        client = client_for(user)
        for name in ("mine", "department", "due_soon", "overdue", "under_review", "supervised"):
            assert client.get(queue_url(name)).status_code == 200, (user.username, name)
    assert client_for(team.supervisor).get(queue_url("all")).status_code == 200


def test_a_complainant_has_no_case_back_office(team, client_for):
    team.citizen.groups.add(*team.intake.groups.none())
    response = client_for(team.citizen).get(queue_url("all"))
    assert response.status_code in (302, 403)  # Wagtail sends non-staff to its login page


def test_the_cases_menu_fits_each_role(team, client_for):
    def menu(user):
        import re

        return set(re.findall(r"cases-[a-z_]+", client_for(user).get(reverse("wagtailadmin_home")).content.decode()))

    assert menu(team.intake) >= {"cases-new", "cases-all", "cases-overdue"}
    assert not menu(team.intake) & {"cases-mine", "cases-department", "cases-extensions"}
    assert "cases-extensions" in menu(team.supervisor)
    assert menu(team.handler) >= {"cases-mine", "cases-department", "cases-under_review"}
    assert not menu(team.handler) & {"cases-all", "cases-new", "cases-extensions"}
    assert not menu(team.auditor) & {"cases-mine", "cases-new"}


def test_unknown_queue_is_404(team, client_for):
    assert client_for(team.intake).get(queue_url("everything")).status_code == 404


def test_departments_see_only_their_own_cases(team, client_for):
    ours = case_in_state(team, State.ASSIGNED)
    theirs = CaseFactory()
    advance(theirs, team, State.ACCEPTED)
    from cases import services

    services.assign(case_id=theirs.pk, actor=team.intake, department=team.other_department)
    handler_view = listed_numbers(client_for(team.handler).get(queue_url("department")))
    assert ours.number in handler_view and theirs.number not in handler_view
    other_view = listed_numbers(client_for(team.other_handler).get(queue_url("department")))
    assert theirs.number in other_view and ours.number not in other_view
    office_view = listed_numbers(client_for(team.supervisor).get(queue_url("all")))
    assert {ours.number, theirs.number} <= set(office_view)


def test_mine_lists_the_cases_a_handler_handles(team, client_for):
    mine = case_in_state(team, State.INVESTIGATING)
    not_mine = CaseFactory()
    advance(not_mine, team, State.ASSIGNED, handler=team.grid_handler)
    numbers = listed_numbers(client_for(team.handler).get(queue_url("mine")))
    assert mine.number in numbers and not_mine.number not in numbers


def test_filters_by_kind_state_channel_department_and_dates(team, client_for):
    complaint = CaseFactory()
    report = CaseFactory(kind=Kind.REPORT, channel=Channel.PAPER, actor=team.intake)
    assigned = case_in_state(team, State.ASSIGNED)
    with at(dt.date(2026, 1, 5)):
        old = CaseFactory()
    client = client_for(team.supervisor)

    assert listed_numbers(client.get(queue_url("all", kind="report"))) == [report.number]
    assert listed_numbers(client.get(queue_url("all", channel="paper"))) == [report.number]
    assert listed_numbers(client.get(queue_url("all", state="assigned"))) == [assigned.number]
    assert listed_numbers(client.get(queue_url("all", department=team.department.pk))) == [assigned.number]
    numbers = listed_numbers(client.get(queue_url("all", received_from="2026-01-01", received_to="2026-01-31")))
    assert numbers == [old.number]
    both = set(listed_numbers(client.get(queue_url("all", state=["submitted", "assigned"]))))
    assert {complaint.number, assigned.number, old.number} <= both and report.number in both


def test_overdue_filter_and_queue(team, client_for):
    with at(dt.date(2026, 1, 5)):
        late = CaseFactory()
    fresh = CaseFactory()
    client = client_for(team.supervisor)
    assert listed_numbers(client.get(queue_url("all", overdue="true"))) == [late.number]
    assert fresh.number in listed_numbers(client.get(queue_url("all", overdue="false")))
    assert listed_numbers(client.get(queue_url("overdue"))) == [late.number]
    page = client.get(queue_url("overdue")).content.decode()
    assert "个工作日" in page  # "n working days overdue"


def test_search_by_number_project_and_filer_but_not_a_hidden_filer(team, client_for):
    named = CaseFactory(filer_name="欧阳明")
    hidden = CaseFactory(filer_name="欧阳秘", is_confidential=True)
    client = client_for(team.supervisor)
    assert listed_numbers(client.get(queue_url("all", q=named.number))) == [named.number]
    assert listed_numbers(client.get(queue_url("all", q=named.project.code))) == [named.number]
    assert listed_numbers(client.get(queue_url("all", q=hidden.project.name))) == [hidden.number]
    assert listed_numbers(client.get(queue_url("all", q="欧阳"))) == [named.number]
    page = client.get(queue_url("all")).content.decode()
    assert "欧阳明" in page and "欧阳秘" not in page


def test_sortable_columns(team, client_for):
    first = CaseFactory()
    second = CaseFactory()
    client = client_for(team.supervisor)
    assert listed_numbers(client.get(queue_url("all", ordering="number")))[:2] == [first.number, second.number]
    assert listed_numbers(client.get(queue_url("all", ordering="-number")))[:2] == [second.number, first.number]
    assert client.get(queue_url("all", ordering="current_due")).status_code == 200


def test_pagination(team, client_for):
    for _ in range(21):
        CaseFactory()
    client = client_for(team.supervisor)
    first = client.get(queue_url("all", per_page=20))
    second = client.get(queue_url("all", per_page=20, p=2))
    assert len(first.context["object_list"]) == 20 and len(second.context["object_list"]) == 1
    assert not set(listed_numbers(first)) & set(listed_numbers(second))


@pytest.mark.parametrize("queue", ["all", "department", "overdue"])
def test_queue_pages_run_a_constant_number_of_queries(team, client_for, django_assert_num_queries, queue):
    with at(dt.date(2026, 1, 5)):
        for _ in range(2):
            advance(CaseFactory(), team, State.INVESTIGATING)
    client = client_for(team.supervisor)
    client.get(queue_url(queue))  # warm per-session caches (Wagtail user profile etc.)

    def count_queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            response = client.get(queue_url(queue, per_page=100))
        assert response.status_code == 200
        return len(captured), len(response.context["object_list"])

    small, rows_small = count_queries()
    with at(dt.date(2026, 1, 6)):
        for _ in range(22):
            advance(CaseFactory(), team, State.INVESTIGATING)
    client.get(queue_url(queue))  # the factories added departments: the cached filter choices reload once
    with django_assert_num_queries(small):
        response = client.get(queue_url(queue, per_page=100))
    assert len(response.context["object_list"]) == rows_small + 22
    with django_assert_num_queries(small):  # and the same at another page size
        response = client.get(queue_url(queue, per_page=20))
    assert len(response.context["object_list"]) == 20


def test_xlsx_export_has_the_visible_filtered_rows_only(team, client_for):
    ours = case_in_state(team, State.ASSIGNED)
    ours_report = CaseFactory(kind=Kind.REPORT, filer_name="李秘", is_confidential=True)
    advance(ours_report, team, State.ASSIGNED)
    elsewhere = CaseFactory()
    response = client_for(team.handler).get(queue_url("department", export="xlsx"))
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    numbers = {row[0] for row in rows[1:]}
    assert rows[0][0] == "案件编号"
    assert numbers == {ours.number, ours_report.number} and elsewhere.number not in numbers
    filer_column = rows[0].index("投诉举报人")
    assert "李秘" not in [row[filer_column] for row in rows[1:]]

    filtered = client_for(team.supervisor).get(queue_url("all", kind="report", export="xlsx"))
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(filtered.streaming_content))).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == [ours_report.number]
