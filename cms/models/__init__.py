from cms.models.disclosures import DisclosureIndexPage
from cms.models.pages import ArticleIndexPage, ArticlePage, GuideIndexPage, GuidePage, HomePage
from cms.models.settings import PortalSettings

__all__ = ["ArticleIndexPage", "ArticlePage", "DisclosureIndexPage", "GuideIndexPage", "GuidePage", "HomePage",
           "PortalSettings"]
