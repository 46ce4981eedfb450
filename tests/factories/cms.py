"""Page tree helpers: pages are created under their parents with Wagtail's tree API, then published."""

from django.utils import timezone
from wagtail.models import Page, Site

from cms.demo import tree_root
from cms.models import ArticleIndexPage, ArticlePage, DisclosureIndexPage, GuideIndexPage, GuidePage, HomePage


def publish_child(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def make_home(**fields) -> HomePage:
    """The site's home page, as the default site's root (replacing Wagtail's welcome page)."""
    root = tree_root()
    for welcome_page in root.get_children().exact_type(Page):
        welcome_page.delete()
    home = publish_child(root, HomePage(title=fields.pop("title", "公共资源交易监督平台"), slug="home", **fields))
    site = Site.objects.filter(is_default_site=True).first() or Site(hostname="localhost", port=80,
                                                                     is_default_site=True)
    site.root_page = home
    site.save()
    return home


def make_article(section, *, title="平台上线运行", category=ArticlePage.Category.NEWS, slug=None, **fields):
    return publish_child(section, ArticlePage(title=title, slug=slug or f"article-{ArticlePage.objects.count() + 1}",
                                              category=category, date=fields.pop("date", timezone.localdate()), **fields))


def make_section(home, *, title="新闻动态", slug="news", **fields):
    return publish_child(home, ArticleIndexPage(title=title, slug=slug, show_in_menus=True, **fields))


def make_guide_section(home, *, title="办事指南", slug="guides"):
    return publish_child(home, GuideIndexPage(title=title, slug=slug, show_in_menus=True))


def make_guide(section, *, title="如何提交投诉", slug="how-to-complain", **fields):
    return publish_child(section, GuidePage(title=title, slug=slug, **fields))


def make_disclosure_index(home, *, title="信息公开", slug="disclosures"):
    return publish_child(home, DisclosureIndexPage(title=title, slug=slug, show_in_menus=True))
