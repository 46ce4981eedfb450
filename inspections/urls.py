from django.urls import path

from inspections.views import public

app_name = "inspections"

urlpatterns = [
    path("", public.PlanListView.as_view(), name="index"),
    path("draw-algorithm.md", public.algorithm_specification, name="specification"),
    path("plans/<slug:code>/", public.PlanDetailView.as_view(), name="plan"),
    path("plans/<slug:code>/progress.json", public.progress, name="progress"),
    path("plans/<slug:code>/draw_algorithm.py", public.algorithm_source, name="algorithm"),
    path("plans/<slug:code>/<str:filename>", public.download, name="download"),
]
