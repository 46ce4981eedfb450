from importlib.util import find_spec

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from portal.health import PortalHealthView

urlpatterns = [
    path("healthz", PortalHealthView.as_view(), name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("captcha/", include("captcha.urls")),
    path("account/two-factor/", include("staffauth.urls")),
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
