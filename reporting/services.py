"""Writes of the reporting app: frozen quarterly snapshots and drafted quarterly report pages."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.moderation import attach_approval_workflow, grant_page_permissions
from directory.roles import EDITOR, OFFICE_INTAKE, OFFICE_SUPERVISOR
from notifications import services as notifications
from portal.errors import ActionNotAllowed
from reporting.figures import Period, compute_statistics
from reporting.models import QuarterlyReportIndexPage, QuarterlyReportPage, QuarterlySnapshot

INDEX_SLUG = "quarterly-reports"
WORKFLOW_NAME = "季度报告审核"
# Who may edit report pages and submit them for moderation; office supervisors approve and publish.
PAGE_EDITORS = (EDITOR, OFFICE_INTAKE, OFFICE_SUPERVISOR)
PAGE_APPROVERS = OFFICE_SUPERVISOR


def _check_quarter_ended(period: Period, today: dt.date) -> None:
    if period.last >= today:
        raise ActionNotAllowed(
            _("%(quarter)s has not ended yet; its figures can be frozen from %(day)s.")
            % {"quarter": period.label, "day": (period.last + dt.timedelta(days=1)).isoformat()}
        )


@transaction.atomic
def freeze_quarter(*, year: int, quarter: int, actor=None, today: dt.date | None = None) -> QuarterlySnapshot:
    """Store the quarter's figures once. A second call returns the stored snapshot unchanged."""
    existing = QuarterlySnapshot.objects.filter(year=year, quarter=quarter).first()
    if existing:
        return existing
    period = Period.quarter(year, quarter)
    today = today or timezone.localdate()
    _check_quarter_ended(period, today)
    snapshot = QuarterlySnapshot(
        year=year, quarter=quarter, data=compute_statistics(period, today=today), created_by=actor,
    )
    snapshot.full_clean()
    try:
        with transaction.atomic():
            snapshot.save()
    except IntegrityError:  # frozen concurrently by someone else: theirs stands
        return QuarterlySnapshot.objects.get(year=year, quarter=quarter)
    return snapshot


@transaction.atomic
def provision_report_index() -> QuarterlyReportIndexPage:
    """The public index of quarterly reports under the home page, with its moderation workflow
    and page permissions for the office and the editors. Safe to run again."""
    index = QuarterlyReportIndexPage.objects.first()
    if index is None:
        from cms.models import HomePage

        home = HomePage.objects.first()
        if home is None:
            raise ActionNotAllowed(_("The site has no home page yet, so the quarterly reports have nowhere to go."))
        index = home.add_child(instance=QuarterlyReportIndexPage(
            title="季度报告", slug=INDEX_SLUG,
            intro="<p>市公共资源交易管理委员会办公室每季度汇总各行政监督部门开展监管工作的情况，向社会公开。</p>",
        ))
        index.save_revision().publish()
    # Editors and intake draft and submit; the approvers' group also publishes, as Wagtail's
    # approval step publishes in the approver's name.
    grant_page_permissions(index, {role: {"add_page", "change_page"} | ({"publish_page"} if role == PAGE_APPROVERS
                                                                      else set()) for role in PAGE_EDITORS})
    attach_approval_workflow(index, workflow_name=WORKFLOW_NAME, approvers=PAGE_APPROVERS)
    return index


@transaction.atomic
def draft_quarterly_report(*, year: int, quarter: int, actor=None, today: dt.date | None = None) -> QuarterlyReportPage:
    """Freeze the quarter and create its report page as a draft for the office to comment on and
    submit for approval, and tell the office (through the notification outbox, in this
    transaction). Idempotent: a quarter has one snapshot and one page."""
    existing = QuarterlyReportPage.objects.filter(year=year, quarter=quarter).first()
    if existing:
        return existing
    snapshot = freeze_quarter(year=year, quarter=quarter, actor=actor, today=today)
    index = provision_report_index()
    period = Period.quarter(year, quarter)
    page = QuarterlyReportPage(
        title=_("Supervision work in %(quarter)s") % {"quarter": period.label},
        slug=f"{year}-q{quarter}", year=year, quarter=quarter, snapshot=snapshot, live=False,
        summary=_summary(snapshot.data),
    )
    index.add_child(instance=page)
    page.save_revision(user=actor, log_action=True)
    _notify_office(page)
    return page


def _summary(data: dict) -> str:
    from reporting.presentation import headline_sentence

    return headline_sentence(data)


def _notify_office(page: QuarterlyReportPage) -> None:
    edit_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("wagtailadmin_pages:edit", args=[page.pk])
    subject = _("Quarterly report drafted: %(title)s") % {"title": page.title}
    body = _(
        "The figures of %(quarter)s have been frozen and the quarterly report page drafted. Add the "
        "commentary and submit it for approval: %(url)s"
    ) % {"quarter": Period.quarter(page.year, page.quarter).label, "url": edit_url}
    groups = [OFFICE_SUPERVISOR.group_name, OFFICE_INTAKE.group_name]
    office = get_user_model().objects.filter(groups__name__in=groups, is_active=True).distinct()
    notifications.notify_users(office, subject=subject, body=body, dedupe_key=f"reporting:draft:{page.year}q{page.quarter}")
