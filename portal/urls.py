from importlib.util import find_spec

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import views as sitemap_views
from wagtail.documents import urls as wagtaildocs_urls

from portal import discovery
from portal.cache_headers import language_neutral
from portal.health import PortalHealthView

urlpatterns = [
    path("healthz", PortalHealthView.as_view(), name="healthz"),
    path("robots.txt", discovery.robots_txt, name="robots_txt"),
    path("sitemap.xml", language_neutral(sitemap_views.index), {"sitemaps": discovery.SITEMAPS,
         "sitemap_url_name": "sitemap_section"}, name="sitemap_index"),
    path("sitemap-<section>.xml", language_neutral(sitemap_views.sitemap), {"sitemaps": discovery.SITEMAPS},
         name="sitemap_section"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("captcha/", include("captcha.urls")),
    path("account/two-factor/", include("staffauth.urls")),
    # Complainants' accounts keep the paths they had under the complaint pages.
    path("cases/account/", include("accounts.urls")),
    path("api/", include("api.urls")),
]

if settings.DEBUG:
    # Development only, and only Wagtail's public images: documents go through Wagtail's serve
    # view (collection privacy), case and inspection evidence through their checked views.
    urlpatterns.append(re_path(r"^media/(?P<path>(?:original_images|images)/.+)$", serve,
                               {"document_root": settings.MEDIA_ROOT}, name="debug_media"))

# Each app's public URLs, when it has any.
for label, prefix in (("cases", "cases/"), ("inspections", "inspections/"), ("publicity", "publicity/"),
                      ("reporting", "reports/")):
    if find_spec(f"{label}.urls") is not None:
        urlpatterns.append(path(prefix, include(f"{label}.urls")))

# Wagtail's page serving catches everything else, so it comes last.
urlpatterns += [path("", include(wagtail_urls))]
