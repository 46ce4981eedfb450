import datetime as dt

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from cases.models import Case
from notifications.models import Notification
from portal.errors import ActionNotAllowed
from reporting.figures import TOTAL
from reporting.models import QuarterlyReportIndexPage, QuarterlyReportPage, QuarterlySnapshot
from reporting.services import draft_quarterly_report, freeze_quarter
from reporting.tasks import draft_quarterly_report as draft_task
from tests.factories.reporting import local

AFTER_Q4 = dt.date(2025, 1, 1)


def test_snapshot_keeps_the_published_numbers_when_old_cases_change(q4):
    snapshot = freeze_quarter(year=2024, quarter=4, today=AFTER_Q4)
    assert snapshot.data["metrics"]["decided"][TOTAL] == 5
    # Someone corrects an old case afterwards: it was decided in January, not December.
    Case.objects.filter(pk=q4["D"].pk).update(decided_at=local("2025-01-06"))
    again = freeze_quarter(year=2024, quarter=4, today=AFTER_Q4)
    assert again.pk == snapshot.pk
    assert again.data["metrics"]["decided"][TOTAL] == 5
    snapshot.refresh_from_db()
    assert snapshot.data["metrics"]["decided"][TOTAL] == 5


def test_snapshot_rows_cannot_be_changed_or_deleted(q4):
    snapshot = freeze_quarter(year=2024, quarter=4, today=AFTER_Q4)
    snapshot.data = {"metrics": {}}
    with pytest.raises(PermissionError):
        snapshot.save()
    with pytest.raises(PermissionError):
        QuarterlySnapshot.objects.filter(pk=snapshot.pk).update(data={})
    with pytest.raises(PermissionError):
        snapshot.delete()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
def test_database_refuses_to_change_a_snapshot(q4):
    from django.db import InternalError, ProgrammingError, transaction

    snapshot = freeze_quarter(year=2024, quarter=4, today=AFTER_Q4)
    with pytest.raises((InternalError, ProgrammingError)), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE reporting_quarterlysnapshot SET data = '{}' WHERE id = %s", [snapshot.pk])


def test_a_quarter_cannot_be_frozen_before_it_ends(db):
    with pytest.raises(ActionNotAllowed):
        freeze_quarter(year=2024, quarter=4, today=dt.date(2024, 12, 31))
    assert not QuarterlySnapshot.objects.exists()


def test_drafting_twice_creates_one_page_and_notifies_the_office_once(q4, home, office):
    office["supervisor"].email = "supervisor@example.cn"
    office["supervisor"].save()
    first = draft_quarterly_report(year=2024, quarter=4, today=AFTER_Q4)
    second = draft_quarterly_report(year=2024, quarter=4, today=AFTER_Q4)
    assert first.pk == second.pk
    assert QuarterlyReportPage.objects.count() == 1
    assert QuarterlySnapshot.objects.count() == 1
    page = QuarterlyReportPage.objects.get()
    assert not page.live and page.has_unpublished_changes
    assert page.get_parent().specific_class is QuarterlyReportIndexPage
    assert page.get_parent().get_parent().pk == home.pk
    assert page.snapshot.year == 2024 and page.snapshot.quarter == 4
    assert "7" in page.summary  # cases received
    mails = Notification.objects.filter(address="supervisor@example.cn")
    assert mails.count() == 1
    assert f"/admin/pages/{page.pk}/edit/" in mails.get().body


def test_beat_task_drafts_the_quarter_just_ended(q4, home, time_machine):
    time_machine.move_to(timezone.make_aware(dt.datetime(2025, 1, 1, 6, 30)))
    page_id = draft_task.delay().get()
    page = QuarterlyReportPage.objects.get(pk=page_id)
    assert (page.year, page.quarter) == (2024, 4)
    assert draft_task.delay().get() == page_id


def test_drafting_without_a_home_page_is_refused_clearly(q4):
    with pytest.raises(ActionNotAllowed) as error:
        draft_quarterly_report(year=2024, quarter=4, today=AFTER_Q4)
    assert "home page" in str(error.value.message) or "首页" in str(error.value.message)


def test_publishing_goes_through_the_moderation_workflow(q4, home, office):
    page = draft_quarterly_report(year=2024, quarter=4, today=AFTER_Q4)
    editor, supervisor = office["editor"], office["supervisor"]
    permissions = page.permissions_for_user(editor)
    assert permissions.can_edit()
    assert not permissions.can_publish()  # editors submit for approval; they cannot publish
    assert not page.permissions_for_user(office["intake"]).can_publish()
    page.commentary = "<p>本季度投诉处理及时率有所提高。</p>"
    revision = page.save_revision(user=editor)
    workflow = page.get_workflow()
    assert workflow is not None
    workflow.start(page, editor)
    page.refresh_from_db()
    task_state = page.current_workflow_task_state
    assert task_state.task.specific.user_can_access_editor(page, supervisor)
    assert not task_state.task.specific.get_actions(page, editor)  # an editor cannot approve
    task_state.task.specific.on_action(task_state, supervisor, "approve")
    page.refresh_from_db()
    assert page.live
    assert page.live_revision_id == revision.pk


def test_public_report_page_and_index(q4, home, office, client):
    page = draft_quarterly_report(year=2024, quarter=4, today=AFTER_Q4)
    page.commentary = "<p>本季度投诉处理及时率有所提高。</p>"
    page.save_revision().publish()
    index = page.get_parent().specific
    response = client.get(index.url)
    assert response.status_code == 200
    assert page.title in response.content.decode()
    response = client.get(page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "本季度投诉处理及时率有所提高" in html
    assert '<meta name="viewport"' in html
    assert "<svg" in html and "<script" not in html.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert "住建局" in html and "交通局" in html  # Chinese labels in the tables and charts
    assert "80.0% (4/5)" in html  # on time


def test_unpublished_report_is_not_public(q4, home, client):
    page = draft_quarterly_report(year=2024, quarter=4, today=AFTER_Q4)
    index = page.get_parent().specific
    assert page.title not in client.get(index.url).content.decode()
    assert client.get(f"{index.url}{page.slug}/").status_code == 404


def test_report_editor_names_the_quarter_and_page_type_in_chinese(q4, home, office, client):
    page = draft_quarterly_report(year=2024, quarter=4, today=AFTER_Q4)
    client.force_login(office["editor"])
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "2024年第4季度" in html  # the read-only frozen figures field
    assert "2024 Q4" not in html
    assert "编辑 季度报告" in html  # the page type is "quarterly report", not the app's name
