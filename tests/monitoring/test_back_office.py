"""Back office of integrity monitoring: leads queue and page with actions, company profile,
trading data upload; and who may see each."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases.models import Case
from directory.models import EntityRelation, TradingProject
from directory.roles import DEPARTMENT_HEAD, EDITOR, INSPECTOR, OFFICE_SUPERVISOR
from monitoring.models import Lead, LeadState, Screen, ScreenRun, TradingImport
from monitoring.screens.base import Finding
from monitoring.services.leads import record_findings
from tests.factories.directory import (
    DepartmentFactory,
    EntityRelationFactory,
    MarketEntityFactory,
    StaffProfileFactory,
    UserFactory,
    make_credit_code,
)
from tests.factories.monitoring import tender
from tests.factories.ocds import package, release

pytestmark = pytest.mark.django_db


@pytest.fixture
def city(roles):
    return {"zj": DepartmentFactory(code="ZJ", name="市住房和城乡建设局"),
            "jt": DepartmentFactory(code="JT", name="市交通运输局")}


@pytest.fixture
def supervisor(city):
    return UserFactory(username="officesup", roles=[OFFICE_SUPERVISOR])


def refused(response) -> bool:
    """Wagtail answers a PermissionDenied in the admin with a redirect to the dashboard."""
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def staff(username, role, department):
    user = UserFactory(username=username, roles=[role])
    StaffProfileFactory(user=user, department=department)
    return user


@pytest.fixture
def ring(city):
    """Three firms in two tenders of 住建局; a lead on the ring and one on a 交通局 tender."""
    firms = [MarketEntityFactory(name=name) for name in ("甲建设", "乙建设", "丙建设")]
    first, bids = tender([100, 101, 102], bidders=firms, department=city["zj"], code="ZJ-1")
    second, _ = tender([200, 199, 201], bidders=firms, winner=1, department=city["zj"], code="ZJ-2")
    other, other_bids = tender([300, 300], department=city["jt"], code="JT-1")
    codes = [f.code for f in firms]
    record_findings(run=None, findings=[
        Finding(screen=Screen.CO_BIDDING_RING, key="ring:" + ",".join(codes), score=88.0,
                summary="三家企业轮流中标。", department_id=city["zj"].pk,
                evidence={"members": codes, "tenders_together": 2, "group_win_share": 1.0,
                          "edges": [[codes[0], codes[1], 1.0, 2], [codes[1], codes[2], 0.5, 2]]},
                entity_ids=[f.pk for f in firms], project_ids=[first.pk, second.pk], bid_ids=[b.pk for b in bids]),
        Finding(screen=Screen.IDENTICAL_BIDS, key="project:JT-1", score=60.0, summary="两份报价完全相同。",
                department_id=city["jt"].pk, evidence={"rule": "R028", "prices": [300.0], "bids": 2},
                entity_ids=[b.bidder_id for b in other_bids], project_ids=[other.pk]),
    ])
    return {"firms": firms, "ring": Lead.objects.get(screen=Screen.CO_BIDDING_RING),
            "other": Lead.objects.get(screen=Screen.IDENTICAL_BIDS), "project": first}


# --- leads queue ---------------------------------------------------------------------------------

def test_the_office_sees_every_lead_and_filters_them(client, supervisor, ring):
    client.force_login(supervisor)
    page = client.get(reverse("monitoring_leads")).content.decode()
    assert "三家企业轮流中标" in page and "两份报价完全相同" in page
    page = client.get(reverse("monitoring_leads"), {"screen": Screen.IDENTICAL_BIDS}).content.decode()
    assert "两份报价完全相同" in page and "三家企业轮流中标" not in page
    page = client.get(reverse("monitoring_leads"), {"min_score": "70"}).content.decode()
    assert "三家企业轮流中标" in page and "两份报价完全相同" not in page
    page = client.get(reverse("monitoring_leads"), {"department": ring["other"].department_id}).content.decode()
    assert "两份报价完全相同" in page and "三家企业轮流中标" not in page
    export = reverse("monitoring_leads_export", args=["xlsx"]) + f"?department={ring['other'].department_id}"
    assert export in page  # the exports keep the filters
    page = client.get(reverse("monitoring_leads"), {"state": LeadState.DISMISSED}).content.decode()
    assert "两份报价完全相同" not in page and "三家企业轮流中标" not in page


def test_a_department_head_sees_only_the_leads_of_the_department(client, city, ring):
    head = staff("zjhead", DEPARTMENT_HEAD, city["zj"])
    client.force_login(head)
    page = client.get(reverse("monitoring_leads")).content.decode()
    assert "三家企业轮流中标" in page and "两份报价完全相同" not in page
    assert client.get(reverse("monitoring_lead", args=[ring["other"].pk])).status_code == 404
    assert client.get(reverse("monitoring_lead_action", args=[ring["other"].pk, "dismiss"])).status_code == 404


@pytest.mark.parametrize("role", [INSPECTOR, EDITOR])
def test_inspectors_and_editors_see_no_leads(client, city, ring, role):
    client.force_login(staff("someone", role, city["zj"]))
    assert refused(client.get(reverse("monitoring_leads")))
    assert refused(client.get(reverse("monitoring_lead", args=[ring["ring"].pk])))


# --- lead page and actions -----------------------------------------------------------------------

def test_the_lead_page_shows_evidence_a_price_strip_and_the_ring(client, supervisor, ring):
    client.force_login(supervisor)
    page = client.get(reverse("monitoring_lead", args=[ring["ring"].pk])).content.decode()
    assert "三家企业轮流中标" in page
    assert "由本组中标的比例" in page  # evidence label in Chinese
    assert page.count("<svg role=\"img\"") == 3  # two tenders on price strips, one network
    assert "甲建设" in page and reverse("monitoring_entity_profile", args=[ring["firms"][0].pk]) in page
    assert "group_win_share" not in page and "edges" not in page


def test_dismissing_needs_a_reason_then_closes_the_lead(client, supervisor, ring):
    client.force_login(supervisor)
    lead = ring["ring"]
    url = reverse("monitoring_lead_action", args=[lead.pk, "dismiss"])
    response = client.post(url, {"version": lead.version, "reason": ""})
    assert response.status_code == 200 and "reason" in response.context["form"].errors
    assert Lead.objects.get(pk=lead.pk).state == LeadState.NEW
    response = client.post(url, {"version": lead.version, "reason": "同一集团的正常联合投标"})
    assert response.status_code == 302
    lead = Lead.objects.get(pk=lead.pk)
    assert lead.state == LeadState.DISMISSED and lead.dismissal_reason == "同一集团的正常联合投标"
    page = client.get(reverse("monitoring_lead", args=[lead.pk])).content.decode()
    assert "同一集团的正常联合投标" in page and str(lead.get_state_display()) in page


def test_a_stale_page_cannot_act(client, supervisor, ring):
    client.force_login(supervisor)
    lead = ring["ring"]
    response = client.post(reverse("monitoring_lead_action", args=[lead.pk, "review"]), {"version": lead.version + 1})
    assert response.status_code == 200
    assert Lead.objects.get(pk=lead.pk).state == LeadState.NEW


def test_converting_a_lead_opens_a_case(client, supervisor, ring, django_capture_on_commit_callbacks):
    client.force_login(supervisor)
    lead = ring["ring"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("monitoring_lead_action", args=[lead.pk, "convert"]), {"version": lead.version})
    assert response.status_code == 302
    lead = Lead.objects.get(pk=lead.pk)
    assert lead.state == LeadState.CONVERTED
    case = Case.objects.get(pk=lead.case_id)
    page = client.get(reverse("monitoring_lead", args=[lead.pk])).content.decode()
    assert case.number in page


def test_a_department_head_without_the_lead_cannot_act_and_no_buttons_for_closed_leads(client, city, ring):
    head = staff("jthead", DEPARTMENT_HEAD, city["jt"])
    client.force_login(head)
    lead = ring["other"]
    page = client.get(reverse("monitoring_lead", args=[lead.pk])).content.decode()
    assert reverse("monitoring_lead_action", args=[lead.pk, "convert"]) in page
    client.post(reverse("monitoring_lead_action", args=[lead.pk, "dismiss"]), {"version": lead.version, "reason": "误报"})
    page = client.get(reverse("monitoring_lead", args=[lead.pk])).content.decode()
    assert reverse("monitoring_lead_action", args=[lead.pk, "convert"]) not in page


# --- company profile -----------------------------------------------------------------------------

def test_the_company_profile_shows_bids_wins_expectation_co_bidders_relations_and_leads(client, supervisor, ring):
    first, second, third = ring["firms"]
    EntityRelationFactory(entity=first, kind=EntityRelation.Kind.LEGAL_REPRESENTATIVE, value="张 三")
    EntityRelationFactory(entity=third, kind=EntityRelation.Kind.SHAREHOLDER, value="张三")
    client.force_login(supervisor)
    response = client.get(reverse("monitoring_entity_profile", args=[first.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    ctx = response.context
    # two awarded tenders with 3 valid bids each: E = 1/3 + 1/3; it won the first
    assert ctx["win_rate"].bids == 2 and ctx["win_rate"].wins == 1
    assert abs(ctx["win_rate"].expected - 2 / 3) < 1e-9
    assert {row["bidder__name"]: row["together"] for row in ctx["co_bidders"]} == {"乙建设": 2, "丙建设": 2}
    shared = ctx["relations"][0]["shared_with"]
    assert [r.entity for r in shared] == [third]
    assert "ZJ-1" in page and "丙建设" in page and "三家企业轮流中标" not in page  # leads listed by title
    assert str(ring["ring"]) in page


def test_the_profile_is_found_by_name_and_hides_leads_from_inspectors(client, city, ring):
    inspector = staff("insp", INSPECTOR, city["zj"])
    client.force_login(inspector)
    page = client.get(reverse("monitoring_entities"), {"q": "甲建设"}).content.decode()
    assert reverse("monitoring_entity_profile", args=[ring["firms"][0].pk]) in page
    page = client.get(reverse("monitoring_entity_profile", args=[ring["firms"][0].pk])).content.decode()
    assert "ZJ-1" in page and str(ring["ring"]) not in page


def test_editors_cannot_open_company_profiles(client, city, ring):
    client.force_login(staff("ed", EDITOR, city["zj"]))
    assert refused(client.get(reverse("monitoring_entity_profile", args=[ring["firms"][0].pk])))


# --- trading data upload -------------------------------------------------------------------------

def upload(data: bytes, name="releases.json"):
    return SimpleUploadedFile(name, data, content_type="application/json")


def test_the_office_uploads_a_release_package_and_follows_the_import(client, supervisor, city,
                                                                     django_capture_on_commit_callbacks):
    client.force_login(supervisor)
    a, b = make_credit_code(1), make_credit_code(2)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("monitoring_import_new"), {
            "file": upload(package([release(1, bidders=[(a, "950000"), (b, "980000")], winner=a)])),
            "kind": "auto", "mode": "all_or_nothing"})
    job = TradingImport.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("monitoring_import", args=[job.pk])
    assert job.state == "succeeded" and job.progress == 100 and job.report["committed"]
    assert TradingProject.objects.get().bids.get(bidder__code=a).amount == Decimal("950000.00")
    page = client.get(reverse("monitoring_import", args=[job.pk])).content.decode()
    assert "共读取 1 行：已导入 1 行" in page
    assert "写入的数据" in page and "投标: 2" in page  # rows written, named in Chinese
    assert "releases.json" in client.get(reverse("monitoring_imports")).content.decode()


def test_an_upload_with_bad_rows_lists_them_in_chinese_and_imports_nothing(client, supervisor, city,
                                                                          django_capture_on_commit_callbacks):
    client.force_login(supervisor)
    data = package([release(1), release(2, bidders=[("91350100M000100Y44", "1")])])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("monitoring_import_new"), {"file": upload(data), "kind": "ocds", "mode": "all_or_nothing"})
    job = TradingImport.objects.get()
    assert not job.report["committed"] and TradingProject.objects.count() == 0
    page = client.get(reverse("monitoring_import", args=[job.pk])).content.decode()
    assert "ocds-test-000002" in page and "校验码" in page


def test_an_upload_of_another_file_type_is_refused_with_a_message(client, supervisor, city):
    client.force_login(supervisor)
    response = client.post(reverse("monitoring_import_new"), {
        "file": SimpleUploadedFile("notes.txt", b"hello"), "kind": "auto", "mode": "all_or_nothing"})
    assert response.status_code == 200 and ".json" in response.content.decode()
    assert TradingImport.objects.count() == 0


@pytest.mark.parametrize("role", [DEPARTMENT_HEAD, INSPECTOR, EDITOR])
def test_only_the_office_imports_trading_data(client, city, role):
    client.force_login(staff("someone", role, city["zj"]))
    assert refused(client.get(reverse("monitoring_import_new")))
    assert refused(client.get(reverse("monitoring_imports")))


def test_the_entity_list_links_to_the_company_profile(client, supervisor, ring):
    client.force_login(supervisor)
    page = client.get(reverse("directory_marketentity:index")).content.decode()
    assert reverse("monitoring_entity_profile", args=[ring["firms"][0].pk]) in page and "一企一档" in page


# --- screen runs ---------------------------------------------------------------------------------

def test_a_department_head_sees_runs_but_cannot_start_one(client, city):
    client.force_login(staff("zjhead", DEPARTMENT_HEAD, city["zj"]))
    page = client.get(reverse("monitoring_runs")).content.decode()
    assert reverse("monitoring_run_new") not in page
    assert refused(client.get(reverse("monitoring_run_new")))
    assert refused(client.post(reverse("monitoring_run_new"), {})) and not ScreenRun.objects.exists()


def test_inspectors_see_no_runs(client, city):
    client.force_login(staff("insp", INSPECTOR, city["zj"]))
    assert refused(client.get(reverse("monitoring_runs")))
