"""The public site's pages: home, article sections (news, policy, typical cases), guides."""

from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.models.blocks import article_blocks, guide_blocks

ARTICLES_PER_PAGE = 10


class HomePage(Page):
    intro = models.CharField(_("introduction"), max_length=300, blank=True)
    body = RichTextField(_("body"), blank=True)
    notice = models.CharField(_("notice"), max_length=200, blank=True,
                              help_text=_("A short announcement shown at the top of the home page."))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("notice"), FieldPanel("body")]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    # Subpage types stay open: other apps add their own sections (e.g. quarterly reports).

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from cms.selectors import home_page_sections

        context = super().get_context(request, *args, **kwargs)
        context.update(home_page_sections(self))
        return context


class ArticleIndexPage(Page):
    """A section of articles: news, policies and regulations, or typical cases."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ArticlePage"]

    class Meta:
        verbose_name = _("article section")

    def articles(self):
        return ArticlePage.objects.child_of(self).live().public().order_by("-date", "-pk")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = Paginator(self.articles(), ARTICLES_PER_PAGE).get_page(request.GET.get("page"))
        return context


class ArticlePage(Page):
    class Category(models.TextChoices):
        NEWS = "news", _("News")
        NOTICE = "notice", _("Notice")
        POLICY = "policy", _("Policy and regulations")
        TYPICAL_CASE = "typical_case", _("Typical case")

    category = models.CharField(_("category"), max_length=20, choices=Category.choices, default=Category.NEWS)
    date = models.DateField(_("date"), default=timezone.localdate)
    source = models.CharField(pgettext_lazy("article", "issued by"), max_length=100, blank=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True,
                               help_text=_("Shown in lists and search results."))
    body = StreamField(article_blocks(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("category"), FieldPanel("date"), FieldPanel("source"), FieldPanel("summary"), FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body"),
                                          index.FilterField("category"), index.FilterField("date")]
    parent_page_types = ["cms.ArticleIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("article")


class GuideIndexPage(Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.GuidePage"]

    class Meta:
        verbose_name = _("guide section")

    def guides(self):
        return GuidePage.objects.child_of(self).live().public()


class GuidePage(Page):
    """How to complain, statutory deadlines, your rights, what anonymity protects…"""

    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = StreamField(guide_blocks(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["cms.GuideIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("guide")
