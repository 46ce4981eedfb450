"""POST /api/v1/cases/ and /api/v1/cases/track/: the web forms' rules, deadlines, receipt and limits."""

import datetime as dt

import pytest
from django.utils import timezone

from api.models import Scope
from cases.models import Case, Channel, State
from cases.public.throttle import RATES
from tests.factories.api import bearer, make_client
from tests.factories.cases import VALID_ID_NUMBER, CaseFactory
from tests.factories.directory import TradingProjectFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/cases/"
TRACK = "/api/v1/cases/track/"


def complaint(**overrides):
    project = TradingProjectFactory()
    body = {
        "kind": "complaint", "filer_type": "person", "filer_name": "张伟", "filer_id_number": VALID_ID_NUMBER,
        "filer_phone": "13800001111", "filer_address": "杭州市西湖区文三路1号", "project": project.code,
        "respondent_name": "某招标代理有限公司", "matter_type": "evaluation_process",
        "knew_on": (timezone.localdate() - dt.timedelta(days=2)).isoformat(),
        "title": "对评标过程的投诉", "facts": "评标专家未按评标办法打分。", "requests": "请求重新评标。",
        "external_reference": "PLAT-2026-0042",
    }
    body.update(overrides)
    return body


def test_files_a_complaint_with_deadlines_and_a_one_time_code(api, platform):
    client, token = platform
    response = api.post(URL, complaint(), format="json", **bearer(token))
    assert response.status_code == 201, response.content
    data = response.json()
    case = Case.objects.get(number=data["number"])
    assert data["number"].startswith("TS") and len(data["access_code"]) >= 12
    assert case.channel == Channel.API and case.state == State.SUBMITTED
    assert case.project is not None and case.source_reference == "市公共资源交易平台: PLAT-2026-0042"
    assert data["deadlines"][0]["name"] == "acceptance" and data["deadlines"][0]["due"] == case.acceptance_due.isoformat()
    assert "+08:00" in data["received_at"]  # ISO 8601 with the time zone
    event = case.events.get(action="submitted")
    assert event.data["api_client"] == client.name and client.name in event.actor_label
    assert case.access_code_hash != data["access_code"]  # only the hash is kept


def test_tracking_with_the_returned_code_shows_the_public_timeline(api, platform):
    _client, token = platform
    data = api.post(URL, complaint(), format="json", **bearer(token)).json()
    response = api.post(TRACK, {"number": data["number"].lower(), "access_code": data["access_code"]}, format="json")
    assert response.status_code == 200
    tracked = response.json()
    assert tracked["state"] == "submitted" and tracked["state_label"] == "待受理"
    assert tracked["timeline"][0]["text"] == f"您提交的材料已收到，编号为{data['number']}。"
    assert "filer_name" not in tracked


def test_complaint_validation_uses_the_web_form_messages_in_chinese(api, platform):
    _client, token = platform
    future = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    response = api.post(URL, complaint(filer_id_number="110105194912310021", knew_on=future, project=""),
                        format="json", **bearer(token))
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 400 and problem["type"] == "urn:portal:problem:validation"
    assert problem["errors"]["filer_id_number"] == ["身份证号码无效，请检查是否输入有误。"]
    assert problem["errors"]["knew_on"] == ["日期不能晚于今天。"]
    assert "project" in problem["errors"]
    assert not Case.objects.exists()


def test_objection_answer_before_the_objection_is_refused_like_the_web(api, platform):
    _client, token = platform
    today = timezone.localdate()
    response = api.post(URL, complaint(objection_raised_on=today.isoformat(),
                                       objection_replied_on=(today - dt.timedelta(days=1)).isoformat()),
                        format="json", **bearer(token))
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["objection_replied_on"]


def test_anonymous_report_and_bad_types(api, platform):
    _client, token = platform
    ok = api.post(URL, {"kind": "report", "identity": "anonymous", "title": "围标线索", "facts": "几家公司轮流中标。"},
                  format="json", **bearer(token))
    assert ok.status_code == 201 and ok.json()["number"].startswith("JB")
    assert Case.objects.get(number=ok.json()["number"]).is_anonymous
    bad = api.post(URL, {"kind": "petition", "knew_on": "yesterday"}, format="json", **bearer(token))
    assert bad.status_code == 400 and set(bad.json()["errors"]) == {"kind", "knew_on"}


def test_filing_needs_a_valid_token_with_the_filing_scope(api, team):
    assert api.post(URL, complaint(), format="json").status_code == 401
    wrong = api.post(URL, complaint(), format="json", **bearer("abcdefabcdef.not-the-secret"))
    assert wrong.status_code == 401 and wrong["WWW-Authenticate"] == "Bearer"
    assert wrong.json()["detail"] == "令牌无效。"
    _reader, reader_token = make_client(department=team.department, acts_as=team.handler, scopes=[Scope.READ_CASES])
    assert api.post(URL, complaint(), format="json", **bearer(reader_token)).status_code == 403
    _expired, expired_token = make_client(department=team.office, expires_in_days=-1)
    assert api.post(URL, complaint(), format="json", **bearer(expired_token)).status_code == 401
    _inactive, inactive_token = make_client(department=team.office, is_active=False)
    assert api.post(URL, complaint(), format="json", **bearer(inactive_token)).status_code == 401
    assert not Case.objects.exists()


def test_ip_allow_list(api, team):
    _client, token = make_client(department=team.office, allowed_networks="10.1.0.0/16\n192.0.2.7")
    refused = api.post(URL, complaint(), format="json", REMOTE_ADDR="203.0.113.9", **bearer(token))
    assert refused.status_code == 403
    allowed = api.post(URL, complaint(), format="json", REMOTE_ADDR="10.1.20.30", **bearer(token))
    assert allowed.status_code == 201


def test_a_rotated_token_replaces_the_old_one(api, platform):
    from api import services

    client, token = platform
    new = services.rotate_token(client_id=client.pk).token
    assert api.post(URL, complaint(), format="json", **bearer(token)).status_code == 401
    assert api.post(URL, complaint(), format="json", **bearer(new)).status_code == 201


def test_tracking_wrong_code_and_throttle_like_the_web_page(api, roles):
    case = CaseFactory()
    right = {"number": case.number, "access_code": case._access_code}
    wrong = {"number": case.number, "access_code": "WRONGCODE123"}
    refused = api.post(TRACK, wrong, format="json")
    assert refused.status_code == 404 and "不匹配" in refused.json()["detail"]
    limit = int(RATES["track_pair"].split("/")[0])
    for _ in range(limit - 2):
        api.post(TRACK, wrong, format="json")
    assert api.post(TRACK, right, format="json").status_code == 200  # successes do not count
    api.post(TRACK, wrong, format="json")
    throttled = api.post(TRACK, right, format="json")
    assert throttled.status_code == 429
    assert int(throttled["Retry-After"]) > 0 and throttled.json()["retry_after"] == int(throttled["Retry-After"])
    assert throttled["Content-Type"] == "application/problem+json"
    # Another client address is not locked out of this case number.
    assert api.post(TRACK, right, format="json", REMOTE_ADDR="198.51.100.4").status_code == 200


def test_tracking_input_errors(api, roles):
    missing = api.post(TRACK, {"number": ""}, format="json")
    assert missing.status_code == 400 and set(missing.json()["errors"]) == {"number", "access_code"}
