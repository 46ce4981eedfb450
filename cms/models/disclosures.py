from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from publicity import listing


class DisclosureIndexPage(RoutablePageMixin, Page):
    """信息公开: the public list of disclosures with filters and search, and each disclosure's page."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("disclosure index page")

    @path("", name="list")
    def disclosure_list(self, request):
        context = listing.list_context(request)
        context.update(list_url=self.url, detail_base=self.url)
        return self.render(request, context_overrides=context)

    @path("<int:pk>/", name="detail")
    def disclosure_detail(self, request, pk):
        context = listing.detail_context(pk)
        context.update(list_url=self.url)
        return self.render(request, context_overrides=context, template="cms/disclosure_detail_page.html")
