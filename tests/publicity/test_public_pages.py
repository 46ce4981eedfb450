"""The disclosure list, detail, feeds and exports at /publicity/ (used while no index page exists)."""

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.utils import timezone

from directory.roles import OFFICE_SUPERVISOR
from publicity.models import Disclosure
from publicity.services import withdraw_disclosure
from tests.factories.directory import DepartmentFactory, MarketEntityFactory, UserFactory
from tests.factories.publicity import DisclosureFactory

pytestmark = pytest.mark.django_db
today = timezone.localdate


@pytest.fixture
def published():
    entity = MarketEntityFactory(name="杭州恒信市政工程有限公司")
    return DisclosureFactory(
        kind=Disclosure.Kind.PENALTY, title="杭州恒信市政工程有限公司行政处罚决定书", entity=entity,
        department=DepartmentFactory(name="市交通运输局"), document_number="杭交罚〔2026〕15号",
        body="当事人：杭州恒信市政工程有限公司。项目经理：周建华，电话13912345678。\n罚款人民币伍万元。",
        publish_until=today() + dt.timedelta(days=300),
    )


@pytest.fixture
def hidden(roles):
    future = DisclosureFactory(title="尚未到公示日期的决定", publish_from=today() + dt.timedelta(days=3))
    expired = DisclosureFactory(kind=Disclosure.Kind.RED_LIST, title="已过公示期的红名单",
                                publish_from=today() - dt.timedelta(days=400), publish_until=today() - dt.timedelta(days=1))
    withdrawn = DisclosureFactory(title="已撤回的投诉处理决定")
    withdraw_disclosure(disclosure_id=withdrawn.pk, actor=UserFactory(roles=[OFFICE_SUPERVISOR]), reason="原决定被撤销")
    return [future, expired, withdrawn]


def test_list_shows_published_and_hides_expired_withdrawn_and_future(client, published, hidden):
    body = client.get("/publicity/").content.decode()
    assert "杭州恒信市政工程有限公司行政处罚决定书" in body
    for disclosure in hidden:
        assert disclosure.title not in body
    assert "共 1 条" in body


def test_detail_shows_the_redacted_text_only(client, published, hidden):
    response = client.get(f"/publicity/{published.pk}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "杭交罚〔2026〕15号" in body and published.entity_code in body
    assert "周某某" in body and "电话***" in body and "5678" not in body
    assert "周建华" not in body and "13912345678" not in body
    for disclosure in hidden:
        assert client.get(f"/publicity/{disclosure.pk}/").status_code == 404


def test_filters_and_search_from_the_query_string(client, published, hidden):
    DisclosureFactory(title="关于学校教学楼建设项目投诉的处理决定")
    assert "教学楼" not in client.get("/publicity/?kind=penalty").content.decode()
    body = client.get("/publicity/", {"q": "教学楼"}).content.decode()
    assert "关于学校教学楼建设项目投诉的处理决定" in body and "行政处罚决定书" not in body
    body = client.get("/publicity/", {"entity": "恒信"}).content.decode()
    assert "行政处罚决定书" in body and "教学楼" not in body


def test_bad_filter_values_are_explained_not_fatal(client, published):
    response = client.get("/publicity/", {"date_from": "2026-13-45", "kind": "nonsense", "q": "行政处罚"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "有效的日期" in body and "行政处罚决定书" in body
    response = client.get("/publicity/", {"date_from": "2026-05-01", "date_to": "2026-04-01"})
    assert "结束日期早于开始日期" in response.content.decode()


def test_rss_and_atom_feeds_list_public_disclosures(client, published, hidden):
    rss = client.get("/publicity/feed/rss/")
    assert rss.status_code == 200 and rss["Content-Type"].startswith("application/rss+xml")
    text = rss.content.decode()
    assert "杭州恒信市政工程有限公司行政处罚决定书" in text and "周建华" not in text
    assert all(d.title not in text for d in hidden)
    atom = client.get("/publicity/feed/atom/?kind=red_list")
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert "行政处罚决定书" not in atom.content.decode()


def test_csv_export_of_the_filtered_public_list(client, published, hidden):
    DisclosureFactory(title="关于安置房建设项目投诉的处理决定")
    response = client.get("/publicity/export.csv", {"kind": "penalty"})
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["序号", "类别", "标题"]
    assert [row[2] for row in rows[1:]] == ["杭州恒信市政工程有限公司行政处罚决定书"]
    assert rows[1][1] == "行政处罚" and rows[1][4] == published.entity_code
    assert "周建华" not in response.content.decode("utf-8-sig")


def test_xlsx_export_opens_in_excel(client, published, hidden):
    response = client.get("/publicity/export.xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0][2] == "标题"
    assert {row[2] for row in rows[1:]} == {"杭州恒信市政工程有限公司行政处罚决定书"}
    assert client.get("/publicity/export.pdf").status_code == 404


def test_public_list_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries):
    for index in range(25):
        DisclosureFactory(title=f"处理决定{index}", department=DepartmentFactory())
    with django_assert_max_num_queries(12):
        response = client.get("/publicity/")
    assert response.status_code == 200


def test_date_filters_say_what_they_filter(client, published):
    """Both dates filter by the day a record was published, not by the end of its publication."""
    form = client.get("/publicity/").content.decode().split('name="q"', 1)[1]
    assert "公开日期（起）" in form and "公开日期（止）" in form
    assert "公开截止日期" not in form
    old = DisclosureFactory(title="去年公开的处理决定", publish_from=today() - dt.timedelta(days=200),
                            publish_until=today() + dt.timedelta(days=200))
    body = client.get("/publicity/", {"date_to": (today() - dt.timedelta(days=100)).isoformat()}).content.decode()
    assert old.title in body and published.title not in body
