from importlib.util import find_spec

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
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
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Each app's public URLs, when it has any.
for label, prefix in (("cases", "cases/"), ("inspections", "inspections/"), ("publicity", "publicity/"),
                      ("reporting", "reports/")):
    if find_spec(f"{label}.urls") is not None:
        urlpatterns.append(path(prefix, include(f"{label}.urls")))

# Wagtail's page serving catches everything else, so it comes last.
urlpatterns += [path("", include(wagtail_urls))]
