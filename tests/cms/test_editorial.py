"""Demo site tree and the editors' moderation workflow: the editor drafts and submits, the office
supervisor approves, nothing goes live without approval."""

import io

import pytest
from wagtail.models import GroupPagePermission, Page, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms import demo as cms_demo
from cms.models import ArticlePage, DisclosureIndexPage, GuidePage, HomePage
from cms.services import WORKFLOW_NAME, set_up_editorial_workflow
from directory import demo as directory_demo
from directory.roles import EDITOR, OFFICE_SUPERVISOR
from publicity import demo as publicity_demo
from publicity.models import Disclosure
from tests.factories.cms import make_home, make_section
from tests.factories.directory import UserFactory

pytestmark = pytest.mark.django_db


def seed_site(stdout):
    publicity_demo.seed(stdout)
    cms_demo.seed(stdout)


@pytest.fixture
def demo(roles):
    # The directory's demo city, then this area's demo data, as seed_demo runs them.
    directory_demo.seed(io.StringIO())
    seed_site(io.StringIO())


def test_seed_demo_builds_the_site_tree_and_a_visitor_reads_a_decision(client, demo):
    home = HomePage.objects.get()
    sections = {page.slug: page.specific for page in home.get_children().live()}
    assert {"disclosures", "news", "policies", "typical-cases", "guides"} <= set(sections)
    assert isinstance(sections["disclosures"], DisclosureIndexPage)
    assert ArticlePage.objects.live().filter(category=ArticlePage.Category.TYPICAL_CASE).count() >= 3
    assert {g.slug for g in GuidePage.objects.live()} == {"how-to-complain", "deadlines", "your-rights", "anonymity"}
    deadlines = client.get("/guides/deadlines/").content.decode()
    assert "收到投诉之日起3个工作日内" in deadlines and "招标投标法实施条例第六十一条" in deadlines
    assert "匿名举报" in client.get("/guides/anonymity/").content.decode()

    # A new visitor finds the latest complaint decision on the home page and reads it, redacted.
    home = client.get("/").content.decode()
    decision = Disclosure.objects.public().filter(kind=Disclosure.Kind.COMPLAINT_DECISION).first()
    assert f'href="/disclosures/{decision.pk}/"' in home
    page = client.get(f"/disclosures/{decision.pk}/").content.decode()
    assert decision.title in page and "投诉人：张某" in page and "张伟" not in page
    # The expired demo penalty stays in the back office only.
    expired = Disclosure.objects.exclude(pk__in=Disclosure.objects.public()).get()
    assert expired.title not in client.get("/disclosures/").content.decode()
    # English is available.
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html and "Online services" in html and "Latest disclosures" in html
    assert "Download CSV" in client.get("/disclosures/").content.decode()

    counts = (Page.objects.count(), Disclosure.objects.count())
    seed_site(io.StringIO())
    assert counts == (Page.objects.count(), Disclosure.objects.count())


@pytest.fixture
def editorial_site(roles):
    home = make_home()
    set_up_editorial_workflow(site_root=home)
    return home


def test_editor_submits_for_moderation_and_supervisor_approves(client, editorial_site):
    home = editorial_site
    news = make_section(home)
    editor = UserFactory(username="editor", roles=[EDITOR])
    supervisor = UserFactory(username="supervisor", roles=[OFFICE_SUPERVISOR])
    editor_group_perms = set(GroupPagePermission.objects.filter(group__name="网站编辑", page=home)
                             .values_list("permission__codename", flat=True))
    assert "add_page" in editor_group_perms and "publish_page" not in editor_group_perms

    client.force_login(editor)
    data = nested_form_data({
        "title": "关于开展招标代理机构专项检查的通知", "slug": "agency-inspection",
        "category": "notice", "date": "2026-11-20", "source": "市公管办", "summary": "对全市招标代理机构开展专项检查。",
        "body": streamfield([("paragraph", rich_text("<p>检查时间为12月1日至12月31日。</p>"))]),
    })
    data["action-submit"] = "Submit for moderation"
    response = client.post(f"/admin/pages/add/cms/articlepage/{news.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    article = ArticlePage.objects.get(slug="agency-inspection")
    assert not article.live
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(article.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS and state.workflow.name == WORKFLOW_NAME
    assert client.get("/news/agency-inspection/").status_code == 404

    # The editor cannot publish directly.
    data["action-publish"] = "Publish"
    data.pop("action-submit")
    client.post(f"/admin/pages/{article.pk}/edit/", data)
    assert not ArticlePage.objects.get(pk=article.pk).live

    client.logout()
    client.force_login(supervisor)
    task_state = WorkflowState.objects.get(pk=state.pk).current_task_state
    response = client.post(f"/admin/pages/workflow/action/{article.pk}/approve/{task_state.pk}/", {"comment": "同意发布"})
    assert response.status_code in (200, 302)
    assert ArticlePage.objects.get(pk=article.pk).live
    assert "检查时间为12月1日至12月31日。" in client.get("/news/agency-inspection/").content.decode()


def test_site_tree_and_quarterly_reports_share_the_one_approval_step(editorial_site):
    """cms.moderation is the one moderation set-up: both trees end in the same supervisors' task."""
    from wagtail.models import GroupApprovalTask, WorkflowPage

    from cms.moderation import APPROVAL_TASK_NAME
    from reporting.services import WORKFLOW_NAME as REPORT_WORKFLOW
    from reporting.services import provision_report_index

    index = provision_report_index()
    provision_report_index()  # idempotent
    task = GroupApprovalTask.objects.get(name=APPROVAL_TASK_NAME)
    assert list(task.groups.values_list("name", flat=True)) == ["委办公室督办员"]
    workflows = {wp.page_id: wp.workflow for wp in WorkflowPage.objects.select_related("workflow")}
    assert workflows[index.pk].name == REPORT_WORKFLOW and workflows[editorial_site.pk].name == WORKFLOW_NAME
    for page in (index, editorial_site):
        assert [t.specific for t in workflows[page.pk].tasks.all()] == [task]
    assert set(GroupPagePermission.objects.filter(page=index, group__name="委办公室督办员")
               .values_list("permission__codename", flat=True)) == {"add_page", "change_page", "publish_page"}
