"""Provisional deadlines: a due date in a year without a holiday schedule is marked 暂按周一至周五
计算 on the case page and in the queues; loading that year's schedule (form or CSV, one service)
recomputes the due dates of open cases and records each change on the case."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases.models import Case, State
from directory.calendar import is_provisional
from directory.models import CalendarYear
from tests.factories.cases import CaseFactory, advance, at

pytestmark = pytest.mark.django_db

PROVISIONAL = "暂按周一至周五计算"
LOAD_URL = "/admin/calendar/load-year/"


def fresh(case):
    return Case.objects.get(pk=case.pk)


@pytest.fixture
def accepted_late_in_2026(team):
    """Accepted on Monday 2026-12-21: 30 working days, counted Mon–Fri into 2027, end on 2027-02-01
    (1 January 2027 counted as a working day while the 2027 schedule is missing)."""
    with at(dt.date(2026, 12, 21)):
        case = advance(CaseFactory(), team, State.INVESTIGATING)
    assert case.decision_due == dt.date(2027, 2, 1)
    return case


def test_a_due_date_in_an_unloaded_year_is_shown_as_provisional(team, client_for, accepted_late_in_2026):
    case = accepted_late_in_2026
    assert is_provisional(case.decision_due)
    client = client_for(team.handler)
    page = client.get(reverse("cases_case", args=[case.pk])).content.decode()
    assert PROVISIONAL in page
    queue = client.get(reverse("cases_queue", args=["mine"])).content.decode()
    assert case.number in queue and PROVISIONAL in queue


def test_a_due_date_in_a_known_year_is_not_provisional(team, client_for):
    with at(dt.date(2026, 3, 2)):
        case = advance(CaseFactory(), team, State.INVESTIGATING)
    assert case.decision_due.year == 2026
    page = client_for(team.handler).get(reverse("cases_case", args=[case.pk])).content.decode()
    assert PROVISIONAL not in page


def test_loading_the_schedule_recomputes_open_cases_and_records_it(team, client_for, accepted_late_in_2026):
    case = accepted_late_in_2026
    with at(dt.date(2026, 12, 21)):
        closed = advance(CaseFactory(), team, State.DECIDED)
    closed_reply_due = closed.reply_due
    version = fresh(case).version
    response = client_for(team.supervisor).post(
        LOAD_URL,
        {
            "year": "2027",
            "source": "国办发明电〔2026〕7号",
            "holidays": "2027-01-01 元旦\n",
            "makeup_workdays": "",
        },
    )
    assert response.status_code == 302
    case = fresh(case)
    assert case.decision_due == dt.date(2027, 2, 2)  # New Year's Day no longer counts
    assert case.current_due == dt.date(2027, 2, 2) and case.version == version + 1
    event = case.events.get(action="due_date_recomputed")
    assert event.data["changes"] == {"decision_due": ["2027-02-01", "2027-02-02"]}
    assert "2027-02-01 → 2027-02-02" in event.note and event.actor is None
    assert not is_provisional(case.decision_due)
    page = client_for(team.handler).get(reverse("cases_case", args=[case.pk])).content.decode()
    assert PROVISIONAL not in page and "2027-02-02" in page
    # A deadline already met is history: the decided case's reply due date counted in 2026 stays.
    assert fresh(closed).reply_due == closed_reply_due
    assert not fresh(closed).events.filter(action="due_date_recomputed").exists()


def test_a_csv_schedule_goes_through_the_same_service(team, client_for, accepted_late_in_2026):
    csv = "date,is_workday,note\n2027-01-01,0,元旦\n2027-01-04,0,测试调休\n2027-01-09,1,周六调休上班\n"
    response = client_for(team.supervisor).post(
        LOAD_URL,
        {
            "year": "2027",
            "source": "",
            "schedule_file": SimpleUploadedFile("2027.csv", csv.encode()),
        },
    )
    assert response.status_code == 302, response.content.decode()
    assert CalendarYear.objects.filter(year=2027).exists()
    # Two working days fewer in January, one more (Saturday 9 January): one day later in all.
    case = fresh(accepted_late_in_2026)
    assert case.decision_due == dt.date(2027, 2, 2)
    assert case.events.filter(action="due_date_recomputed").count() == 1


def test_a_bad_csv_is_refused_with_its_row_and_nothing_changes(team, client_for, accepted_late_in_2026):
    csv = "2027-01-01,0,元旦\n2027-13-01,0,错\n"
    response = client_for(team.supervisor).post(
        LOAD_URL,
        {
            "year": "2027",
            "schedule_file": SimpleUploadedFile("2027.csv", csv.encode()),
        },
    )
    assert response.status_code == 200 and "第2行" in response.content.decode()
    assert fresh(accepted_late_in_2026).decision_due == dt.date(2027, 2, 1)
    assert not CalendarYear.objects.filter(year=2027).exists()
