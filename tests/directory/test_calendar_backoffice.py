import datetime as dt

import pytest
import time_machine

from directory import calendar
from directory.models import CalendarDay, CalendarYear
from directory.roles import HANDLER, OFFICE_SUPERVISOR
from tests.factories.directory import UserFactory

pytestmark = pytest.mark.django_db

URL = "/admin/calendar/load-year/"
SCHEDULE_2027 = {
    "year": "2027",
    "source": "国办发明电〔2026〕7号",
    "holidays": "2027-01-01 元旦\n2027-10-01 2027-10-07 国庆节\n",
    "makeup_workdays": "2027-09-26 国庆节调休上班\n",
}


@pytest.fixture
def supervisor(roles):
    return UserFactory(roles=[OFFICE_SUPERVISOR])


def test_office_loads_a_year_through_the_back_office(client, supervisor):
    client.force_login(supervisor)
    assert client.get(URL).status_code == 200
    response = client.post(URL, SCHEDULE_2027)
    assert response.status_code == 302
    assert CalendarYear.objects.get(year=2027).source == "国办发明电〔2026〕7号"
    assert CalendarDay.objects.filter(date__year=2027, is_workday=False).count() == 8
    assert not calendar.is_workday(dt.date(2027, 10, 4))
    assert calendar.is_workday(dt.date(2027, 9, 26))  # a Sunday made a working day


def test_bad_lines_are_reported_with_line_numbers_and_nothing_is_loaded(client, supervisor):
    client.force_login(supervisor)
    data = {**SCHEDULE_2027, "holidays": "2027-01-01 元旦\n国庆 2027-10-01\n2027-10-07 2027-10-01 倒序\n"}
    response = client.post(URL, data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "第2行" in body and "第3行" in body
    assert "国庆 2027-10-01" in body  # what was typed is kept
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_dates_of_another_year_are_refused(client, supervisor):
    client.force_login(supervisor)
    response = client.post(URL, {**SCHEDULE_2027, "year": "2028"})
    assert response.status_code == 200
    assert "不在2028年" in response.content.decode()
    assert not CalendarYear.objects.exists()


def test_roles_without_permission_cannot_load(client, roles):
    client.force_login(UserFactory(roles=[HANDLER]))
    # Wagtail turns a refusal into a redirect to the dashboard with a "no permission" message.
    for response in (client.get(URL), client.post(URL, SCHEDULE_2027)):
        assert response.status_code in (302, 403)
        assert response.status_code == 403 or response.url == "/admin/"
    assert not CalendarYear.objects.exists()


@time_machine.travel(dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC), tick=False)
def test_dashboard_warns_in_october_onwards_until_next_year_is_loaded(client, supervisor):
    client.force_login(supervisor)
    body = client.get("/admin/").content.decode()
    assert "尚未导入2027年节假日安排" in body
    client.post(URL, SCHEDULE_2027)
    assert "尚未导入2027年节假日安排" not in client.get("/admin/").content.decode()


def test_every_back_office_calendar_write_rebuilds_the_working_day_index(client, supervisor):
    from django.urls import reverse

    from reporting.models import WorkdayIndex

    day = dt.date(2024, 11, 13)  # a Wednesday, a working day
    client.force_login(supervisor)
    response = client.post(reverse("directory_calendarday:add"), {"date": "2024-11-13", "note": "local holiday"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert not WorkdayIndex.objects.get(date=day).is_workday
    override = CalendarDay.objects.get(date=day)
    client.post(reverse("directory_calendarday:edit", args=[override.pk]), {"date": "2024-11-13", "is_workday": "on",
                                                                      "note": "changed back"})
    assert WorkdayIndex.objects.get(date=day).is_workday
    client.post(reverse("directory_calendarday:edit", args=[override.pk]), {"date": "2024-11-13", "note": "holiday again"})
    assert not WorkdayIndex.objects.get(date=day).is_workday
    client.post(reverse("directory_calendarday:delete", args=[override.pk]))
    assert not CalendarDay.objects.filter(date=day).exists()
    assert WorkdayIndex.objects.get(date=day).is_workday
