from django.urls import path

from cases.public.views import intake, lookup, tracking

app_name = "cases"

urlpatterns = [
    path("", intake.StartView.as_view(), name="start"),
    path("complaint/new/", intake.ComplaintView.as_view(), name="complaint_new"),
    path("report/new/", intake.ReportView.as_view(), name="report_new"),
    path("suggestion/new/", intake.SuggestionView.as_view(), name="suggestion_new"),
    path("receipt/", intake.ReceiptView.as_view(), name="receipt"),
    path("projects/lookup/", lookup.project_lookup, name="project_lookup"),
    path("track/", tracking.track, name="track"),
    path("my/", tracking.my_cases, name="my_cases"),
    path("case/<str:number>/", tracking.case_detail, name="case_detail"),
    path("case/<str:number>/supplement/", tracking.supplement, name="case_supplement"),
    path("case/<str:number>/withdraw/", tracking.withdraw, name="case_withdraw"),
    path("case/<str:number>/rate/", tracking.rate, name="case_rate"),
]
