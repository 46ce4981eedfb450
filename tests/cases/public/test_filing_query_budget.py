"""The anonymous public filing through the web form costs a small number of SQL statements, the
same however many cases the portal holds (issue 14: at most 12 for the POST; the GET stores its two
challenges, the picture and the question, in one INSERT and reads nothing: the footer and menu come
from the shared cache)."""

import pytest
from captcha.models import CaptchaStore
from django.urls import reverse

from cases.models import Case, Kind
from notifications.models import Notification
from tests.cases.public.test_intake import report_data
from tests.factories.cases import CaseFactory
from tests.query_budget import statements

pytestmark = pytest.mark.django_db

GET_BUDGET = 1
POST_BUDGET = 12


def file_anonymously(client) -> tuple[list[str], list[str]]:
    client.cookies.clear()  # a new visitor: no session yet
    with statements() as get_sql:
        page = client.get(reverse("cases:report_new"))
    assert page.status_code == 200
    hashkey = CaptchaStore.objects.exclude(challenge__endswith="？").latest("id").hashkey  # the picture shown
    with statements() as post_sql:
        response = client.post(reverse("cases:report_new"), report_data(captcha_0=hashkey))
    assert response.status_code == 302 and response["Location"] == reverse("cases:receipt")
    return get_sql, post_sql


def add_cases(count: int) -> None:
    for _ in range(count):
        CaseFactory(kind=Kind.REPORT, is_anonymous=True, project=None)


def test_anonymous_filing_stays_within_its_query_budget_at_5_and_50_cases(client, team):
    add_cases(5)
    file_anonymously(client)  # the first filing of the day also loads the calendar and policies
    get_small, post_small = file_anonymously(client)
    add_cases(45)
    assert Case.objects.count() == 52
    get_large, post_large = file_anonymously(client)

    assert len(post_small) <= POST_BUDGET, "\n".join(post_small)
    assert len(get_small) <= GET_BUDGET, "\n".join(get_small)
    assert (len(get_large), len(post_large)) == (len(get_small), len(post_small))
    # Every office intake clerk is told, in one INSERT however many there are.
    assert sum(sql.startswith('INSERT INTO "cases_notification"') for sql in post_large) == 1


def test_the_staff_are_notified_of_an_anonymous_filing(client, team):
    file_anonymously(client)
    case = Case.objects.get()
    assert set(Notification.objects.values_list("recipient_user", flat=True)) == {team.intake.pk}
    assert case.number in Notification.objects.get().subject
