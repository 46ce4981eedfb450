"""Staff endpoints: the back office's visibility, identity rules, actions and refusals."""

import pytest

from api.models import Scope
from cases.models import Case, Kind, Measure, Outcome, State
from tests.factories.api import bearer, make_client
from tests.factories.cases import CaseFactory, advance, case_in_state

pytestmark = pytest.mark.django_db


def detail(number):
    return f"/api/v1/cases/{number}/"


def action(number, name):
    return f"/api/v1/cases/{number}/transitions/{name}/"


@pytest.fixture
def assigned(team):
    return case_in_state(team, State.ASSIGNED)


def test_a_department_token_sees_only_its_department(api, team, assigned, department_client, other_department_client):
    _client, token = department_client
    _other, other_token = other_department_client
    unassigned = CaseFactory()
    listed = api.get("/api/v1/cases/", **bearer(token))
    assert listed.status_code == 200
    assert [row["number"] for row in listed.json()["results"]] == [assigned.number]
    assert listed.json()["count"] == 1
    assert api.get("/api/v1/cases/", **bearer(other_token)).json()["count"] == 0
    refused = api.get(detail(assigned.number), **bearer(other_token))
    assert refused.status_code == 404 and refused.json()["detail"] == "案件不存在，或您无权查看。"
    assert api.get(detail(unassigned.number), **bearer(token)).status_code == 404


def test_detail_shows_a_named_filer_but_never_a_confidential_one(api, team, department_client):
    _client, token = department_client
    named = case_in_state(team, State.ASSIGNED)
    confidential = advance(CaseFactory(kind=Kind.REPORT, is_confidential=True, filer_name="李四", project=None,
                                       filer_id_number=""), team, State.ASSIGNED)
    shown = api.get(detail(named.number), **bearer(token)).json()
    assert shown["identity_hidden"] is False and shown["filer"]["filer_name"] == "张伟"
    assert "start_handling" in shown["available_actions"] and shown["department"]["code"] == "ZJ"
    assert shown["received_at"].endswith("+08:00")
    hidden = api.get(detail(confidential.number), **bearer(token)).json()
    assert hidden["identity_hidden"] is True and hidden["filer"] is None
    assert "李四" not in str(hidden)


def test_transition_runs_the_service_and_names_the_client(api, team, assigned, department_client):
    client, token = department_client
    response = api.post(action(assigned.number, "start_handling"), {"version": assigned.version}, format="json",
                        **bearer(token))
    assert response.status_code == 200, response.content
    assert response.json()["case"]["state"] == State.INVESTIGATING
    event = Case.objects.get(pk=assigned.pk).events.get(action="started")
    assert event.actor == team.handler and event.data["api_client"] == client.name
    assert client.name in event.actor_label


def test_the_same_refusals_as_the_back_office(api, team, assigned, department_client, other_department_client):
    _client, token = department_client
    _other, other_token = other_department_client
    # An office action is not the department's to take.
    refused = api.post(action(assigned.number, "accept"), {}, format="json", **bearer(token))
    assert refused.status_code == 403 and refused.json()["detail"] == "您目前不能对本案件执行“受理”。"
    # Another department never reaches the case.
    assert api.post(action(assigned.number, "start_handling"), {}, format="json", **bearer(other_token)).status_code == 404
    # A stale version is refused with the back office's message.
    stale = api.post(action(assigned.number, "start_handling"), {"version": assigned.version - 1}, format="json",
                     **bearer(token))
    assert stale.status_code == 409 and "其他人" in stale.json()["detail"]
    assert Case.objects.get(pk=assigned.pk).state == State.ASSIGNED
    assert api.post(action(assigned.number, "no_such_action"), {}, format="json", **bearer(token)).status_code == 404


def test_form_rules_of_the_back_office_apply(api, team, department_client):
    _client, token = department_client
    case = case_in_state(team, State.INVESTIGATING)
    response = api.post(action(case.number, "propose_decision"), {
        "outcome": Outcome.SUBSTANTIATED, "decision_text": "经查属实。", "measures": [Measure.TALK],
    }, format="json", **bearer(token))
    assert response.status_code == 400
    assert response.json()["errors"]["measures"] == ["约谈或内部处理不能代替行政处罚：请选择法律规定的处理措施。"]
    missing = api.post(action(case.number, "suspend"), {}, format="json", **bearer(token))
    assert missing.status_code == 400 and {"reason", "note"} <= set(missing.json()["errors"])


def test_approval_by_the_proposer_is_refused(api, team, department_client):
    """不相容岗位分离: the head who proposed cannot approve, whatever the channel."""
    head_client, head_token = make_client(department=team.department, acts_as=team.head,
                                          scopes=[Scope.READ_CASES, Scope.ACT_ON_CASES])
    case = advance(case_in_state(team, State.INVESTIGATING, ), team, State.INVESTIGATING, handler=team.head)
    proposed = api.post(action(case.number, "propose_decision"), {
        "outcome": Outcome.UNSUBSTANTIATED, "decision_text": "经查不属实。"}, format="json", **bearer(head_token))
    assert proposed.status_code == 200, proposed.content
    refused = api.post(action(case.number, "approve_decision"), {}, format="json", **bearer(head_token))
    assert refused.status_code == 403


def test_scopes_narrow_a_staff_token(api, team, assigned):
    _reader, token = make_client(department=team.department, acts_as=team.handler, scopes=[Scope.READ_CASES])
    assert api.get(detail(assigned.number), **bearer(token)).status_code == 200
    assert api.post(action(assigned.number, "start_handling"), {}, format="json", **bearer(token)).status_code == 403
    _filer, filer_token = make_client(department=team.office, scopes=[Scope.FILE_CASES])
    assert api.get("/api/v1/cases/", **bearer(filer_token)).status_code == 403
    assert api.get("/api/v1/cases/").status_code == 401


def test_session_login_works_with_back_office_rules(api, team, assigned):
    api.force_authenticate(user=None)
    api.force_login(team.intake)
    office = api.get("/api/v1/cases/?queue=all&state=assigned")
    assert office.status_code == 200 and office.json()["count"] == 1
    bad = api.get("/api/v1/cases/?queue=everything&state=lost")
    assert bad.status_code == 400 and set(bad.json()["errors"]) == {"queue", "state"}
    api.force_login(team.citizen)
    assert api.get("/api/v1/cases/").status_code == 403


def test_reveal_identity_is_shown_once_and_recorded(api, team):
    client, token = make_client(department=team.office, acts_as=team.supervisor,
                                scopes=[Scope.READ_CASES, Scope.ACT_ON_CASES])
    case = CaseFactory(kind=Kind.REPORT, is_confidential=True, filer_name="李四", project=None, filer_id_number="")
    assert api.get(detail(case.number), **bearer(token)).json()["filer"] is None
    refused = api.post(action(case.number, "reveal_identity"), {}, format="json", **bearer(token))
    assert refused.status_code == 400 and "reason" in refused.json()["errors"]
    shown = api.post(action(case.number, "reveal_identity"), {"reason": "需核实举报人提供的线索"}, format="json",
                     **bearer(token))
    assert shown.status_code == 200 and shown.json()["identity"]["filer_name"] == "李四"
    event = Case.objects.get(pk=case.pk).events.get(action="identity_revealed")
    assert event.data["api_client"] == client.name


def test_a_session_without_the_second_factor_gets_no_case_data(api, team, assigned):
    # Signed in with the password only: the back office sends such a session to the code check;
    # the API refuses it the same way instead of serving cases.
    api.force_login_without_second_factor(team.intake)
    refused = api.get("/api/v1/cases/?queue=all")
    assert refused.status_code == 403
    assert refused["Content-Type"].startswith("application/problem+json")
    assert "验证码" in refused.json()["detail"] or "认证" in refused.json()["detail"]
    api.force_login(team.intake)
    assert api.get("/api/v1/cases/?queue=all").status_code == 200
