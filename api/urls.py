from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from api.problems import not_found
from api.views import cases, public, trading

app_name = "api"

v1 = [
    path("cases/", cases.CaseCollection.as_view(), name="cases"),
    path("cases/track/", cases.CaseTrackView.as_view(), name="cases_track"),
    path("cases/<str:number>/", cases.StaffCaseDetail.as_view(), name="case"),
    path("cases/<str:number>/transitions/<str:name>/", cases.StaffCaseTransition.as_view(), name="case_transition"),
    path("disclosures/", public.DisclosureList.as_view(), name="disclosures"),
    path("disclosures/<int:pk>/", public.DisclosureDetail.as_view(), name="disclosure"),
    path("draws/<str:number>/", public.DrawDetail.as_view(), name="draw"),
    path("statistics/quarters/", public.QuarterList.as_view(), name="quarters"),
    path("statistics/quarters/<str:period>/", public.QuarterDetail.as_view(), name="quarter"),
    path("trading/releases/", trading.ReleaseImport.as_view(), name="trading_releases"),
    path("trading/imports/<int:pk>/", trading.ImportJob.as_view(), name="trading_import"),
]

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("v1/", include(v1)),
    re_path(r"", not_found),
]
