"""Public pages of published draws: manifest, progress, revealed material, results, recipe."""

import json
from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from inspections import selectors
from inspections.draw import algorithm
from inspections.models import InspectionPlan, InspectionState
from portal.cache_headers import language_neutral

DOWNLOADS = {
    "manifest.json": "application/json",
    "targets.csv": "text/csv",
    "inspectors.csv": "text/csv",
    "conflicts.csv": "text/csv",
    "reveal.json": "application/json",
    "result.json": "application/json",
    "result.csv": "text/csv",
}


PUBLISHED_BEFORE_THE_DRAW = ("manifest.json", "targets.csv", "inspectors.csv", "conflicts.csv")


class PlanListView(ListView):
    template_name = "inspections/public/plan_list.html"
    context_object_name = "plans"
    paginate_by = 20

    def get_queryset(self):
        return selectors.public_plans()


class PlanDetailView(DetailView):
    template_name = "inspections/public/plan_detail.html"
    context_object_name = "plan"
    slug_field = slug_url_kwarg = "code"

    def get_queryset(self):
        return selectors.public_plans()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = self.object
        record = plan.draw_record
        revealed = selectors.revealed_record(plan)
        context.update(
            record=record,
            manifest=(manifest := json.loads(record.manifest_json)),
            ratios=[(grade, bp, _percent(bp)) for grade, bp in sorted(manifest["parameters"]["ratios_bp"].items())],
            revealed=revealed,
            result_rows=_result_rows(plan, record) if revealed and _drew(record) else [],
            downloads=[name for name in DOWNLOADS if name in PUBLISHED_BEFORE_THE_DRAW
                       or selectors.revealed_record(plan)],
        )
        return context


def _drew(record) -> bool:
    """A result that assigned teams (a failed draw publishes one without them)."""
    return bool(record.result_json) and json.loads(record.result_json).get("status", "drawn") == "drawn"


def _percent(basis_points: int) -> str:
    """500 -> "5", 250 -> "2.5": the ratio as people read it, next to the exact basis points."""
    return f"{basis_points / 100:.2f}".rstrip("0").rstrip(".")


def _result_rows(plan, record):
    targets = {t.target_id: t for t in algorithm.parse_target_snapshot(record.target_snapshot.encode("utf-8"))}
    inspectors = {i.inspector_id: i for i in algorithm.parse_inspector_snapshot(record.inspector_snapshot.encode("utf-8"))}
    inspections = {i.draw_order: i for i in selectors.plan_inspections(plan)}
    rows = []
    for selected in json.loads(record.result_json)["selected"]:
        inspection = inspections.get(selected["order"])
        rows.append({
            "order": selected["order"], "target": targets[selected["target_id"]], "reason": selected["reason"],
            "rank_key": selected["rank_key"], "inspectors": [inspectors[c] for c in selected["inspectors"]],
            "inspection": inspection if inspection and inspection.state == InspectionState.PUBLISHED else None,
            "state": inspection.get_state_display() if inspection else "",
        })
    return rows


def _plan(code: str) -> InspectionPlan:
    try:
        return selectors.public_plan(code)
    except InspectionPlan.DoesNotExist:
        raise Http404 from None


def progress(request, code):
    plan = _plan(code)
    return JsonResponse({"state": plan.state, "progress": plan.draw_progress, "message": plan.draw_message})


def result_csv(plan: InspectionPlan) -> bytes:
    result = json.loads(plan.draw_record.result_json)
    header = ("order", "target_id", "stratum", "reason", "rank_key", "inspectors")
    rows = [(str(s["order"]).zfill(6), s["target_id"], s["stratum"], s["reason"], s["rank_key"], ";".join(s["inspectors"]))
            for s in result["selected"]]
    return algorithm.canonical_csv(header, rows)


@language_neutral
def download(request, code, filename):
    plan = _plan(code)
    if filename not in DOWNLOADS:
        raise Http404
    record = plan.draw_record
    revealed = selectors.revealed_record(plan)
    if filename == "manifest.json":
        body = record.manifest_json.encode("utf-8")
    elif filename == "targets.csv":
        body = record.target_snapshot.encode("utf-8")
    elif filename == "inspectors.csv":
        body = record.inspector_snapshot.encode("utf-8")
    elif filename == "conflicts.csv":
        body = record.conflict_snapshot.encode("utf-8")
    elif revealed is None:
        raise Http404
    elif filename == "reveal.json":
        body = algorithm.canonical_json(selectors.reveal_payload(plan, record))
    elif not record.result_json:
        raise Http404
    elif filename == "result.json":
        body = record.result_json.encode("utf-8")
    else:
        body = result_csv(plan)
    response = HttpResponse(body, content_type=f"{DOWNLOADS[filename]}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@language_neutral
def algorithm_source(request, code):
    get_object_or_404(selectors.public_plans(), code=code)
    response = HttpResponse(Path(algorithm.__file__).read_bytes(), content_type="text/x-python; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="draw_algorithm.py"'
    return response


SPECIFICATION = Path(settings.BASE_DIR) / "docs" / "draw-algorithm.md"


@language_neutral
def algorithm_specification(request):
    """The algorithm's specification, so anyone can re-implement the draw without the portal's source."""
    response = HttpResponse(SPECIFICATION.read_bytes(), content_type="text/markdown; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="draw-algorithm.md"'
    return response
