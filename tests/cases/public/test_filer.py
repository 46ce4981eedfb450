import pytest
from django.urls import reverse

from cases.models import Case, State
from tests.cases.public.files import pdf
from tests.factories.cases import CaseFactory, advance
from tests.factories.directory import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_case(team, complainant):
    return CaseFactory(filer_user=complainant, title="评标结果不公的投诉")


def test_my_cases_lists_only_mine(complainant_client, team, own_case):
    CaseFactory(filer_user=UserFactory(), title="别人的投诉")
    body = complainant_client.get(reverse("cases:my_cases")).content.decode()
    assert own_case.number in body and "别人的投诉" not in body


def test_my_cases_needs_login(client):
    response = client.get(reverse("cases:my_cases"))
    assert response["Location"].startswith(reverse("accounts:login"))


def test_another_users_case_is_not_shown(client, team, own_case):
    client.force_login(UserFactory())
    response = client.get(reverse("cases:case_detail", args=[own_case.number]))
    assert response.status_code == 302 and response["Location"] == reverse("cases:track")
    response = client.post(reverse("cases:case_withdraw", args=[own_case.number]), {"reason": "撤回"})
    assert response.status_code == 302 and Case.objects.get(pk=own_case.pk).withdrawal_requested_at is None


def test_supplement_when_asked(complainant_client, team, own_case):
    advance(own_case, team, State.NEEDS_SUPPLEMENT)
    body = complainant_client.get(reverse("cases:my_cases")).content.decode()
    assert "需补正" in body or "补正" in body
    url = reverse("cases:case_supplement", args=[own_case.number])
    empty = complainant_client.post(url, {"text": ""})
    assert "text" in empty.context["forms"]["supplement"].errors
    response = complainant_client.post(url, {"text": "已补充签字盖章的投诉书。", "attachments": [pdf("投诉书.pdf")]})
    assert response.status_code == 302
    case = Case.objects.get(pk=own_case.pk)
    assert case.state == State.SUBMITTED and case.attachments.filter(purpose="supplement").count() == 1


def test_supplement_is_not_offered_when_not_asked(complainant_client, team, own_case):
    response = complainant_client.post(reverse("cases:case_supplement", args=[own_case.number]),
                                       {"text": "多余的补充"}, follow=True)
    assert Case.objects.get(pk=own_case.pk).state == State.SUBMITTED
    assert "supplement" not in response.context["forms"]


def test_withdraw_request(complainant_client, team, own_case):
    advance(own_case, team, State.ACCEPTED)
    url = reverse("cases:case_withdraw", args=[own_case.number])
    assert "reason" in complainant_client.post(url, {"reason": " "}).context["forms"]["withdraw"].errors
    response = complainant_client.post(url, {"reason": "已与招标人协商解决。"}, follow=True)
    case = Case.objects.get(pk=own_case.pk)
    assert case.withdrawal_requested_at is not None and case.withdrawal_reason == "已与招标人协商解决。"
    assert "withdraw" not in response.context["forms"]  # asked once, no second request form


def test_satisfied_rating_closes(complainant_client, team, own_case):
    advance(own_case, team, State.REPLIED)
    complainant_client.post(reverse("cases:case_rate", args=[own_case.number]), {"satisfied": "yes"})
    case = Case.objects.get(pk=own_case.pk)
    assert case.state == State.CLOSED and case.satisfaction == "satisfied"


def test_dissatisfied_reopens_once_only(complainant_client, team, own_case):
    advance(own_case, team, State.REPLIED)
    url = reverse("cases:case_rate", args=[own_case.number])
    missing_comment = complainant_client.post(url, {"satisfied": "no", "comment": ""})
    assert "comment" in missing_comment.context["forms"]["rate"].errors
    complainant_client.post(url, {"satisfied": "no", "comment": "未回应专家打分问题"})
    case = Case.objects.get(pk=own_case.pk)
    assert case.state == State.INVESTIGATING and case.rehandled
    case = advance(case, team, State.REPLIED)
    page = complainant_client.get(reverse("cases:case_detail", args=[own_case.number])).content.decode()
    assert "重新办理过一次" in page
    complainant_client.post(url, {"satisfied": "no", "comment": "仍不满意"})
    case = Case.objects.get(pk=own_case.pk)
    assert case.state == State.CLOSED and case.satisfaction == "dissatisfied"
