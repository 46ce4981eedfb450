from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from reporting.models.snapshot import QuarterlySnapshot


class QuarterlyReportIndexPage(Page):
    """Lists the published quarterly reports, newest first."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["reporting.QuarterlyReportPage"]
    max_count = 1

    class Meta:
        verbose_name = _("quarterly report index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["reports"] = (
            QuarterlyReportPage.objects.child_of(self).live().public().order_by("-year", "-quarter")
        )
        return context


class QuarterlyReportPage(Page):
    """One quarter's summary: tables and charts come from the frozen snapshot; the office writes
    the commentary and publishes through the moderation workflow."""

    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    quarter = models.PositiveSmallIntegerField(_("quarter"), validators=[MinValueValidator(1), MaxValueValidator(4)])
    snapshot = models.ForeignKey(
        QuarterlySnapshot, models.PROTECT, related_name="report_pages", verbose_name=_("figures"),
    )
    summary = models.CharField(
        _("summary"), max_length=300, blank=True, help_text=_("One or two sentences shown in the list of reports."),
    )
    commentary = RichTextField(_("commentary"), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("year", read_only=True), FieldPanel("quarter", read_only=True)]),
             FieldPanel("snapshot", read_only=True)],
            heading=_("Quarter and frozen figures"),
        ),
        FieldPanel("summary"),
        FieldPanel("commentary"),
    ]
    parent_page_types = ["reporting.QuarterlyReportIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("quarterly report")
        constraints = [models.UniqueConstraint(fields=["year", "quarter"], name="uniq_quarterly_report_page")]

    def get_context(self, request, *args, **kwargs):
        from reporting.presentation import report_context

        context = super().get_context(request, *args, **kwargs)
        context.update(report_context(self.snapshot.data))
        context["other_reports"] = (
            QuarterlyReportPage.objects.sibling_of(self, inclusive=False).live().public().order_by("-year", "-quarter")[:8]
        )
        return context
