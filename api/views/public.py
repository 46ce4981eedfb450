"""Public read endpoints: disclosures (publicity selectors, the web filters), verifiable draws
(inspections selectors) and published quarterly statistics (reporting selectors)."""

import json
import re

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, generics
from rest_framework.response import Response
from rest_framework.views import APIView

from api.presenters import local
from api.problems import from_form_errors, problem_responses
from api.serializers import public as payloads
from inspections import selectors as inspection_selectors
from inspections.models import InspectionPlan
from publicity.forms import DisclosureFilterForm
from publicity.models import Disclosure
from publicity.selectors import public_disclosure, public_disclosures
from reporting import selectors as reporting_selectors

PERIOD = re.compile(r"^(\d{4})-Q([1-4])$")


class PublicView:
    authentication_classes = []
    permission_classes = []


class DisclosureList(PublicView, generics.ListAPIView):
    """Published disclosures inside their publication window, newest first. `q` matches Chinese
    text as substrings (every whitespace-separated term must appear), as on the public site."""

    serializer_class = payloads.DisclosureSerializer

    @extend_schema(
        operation_id="disclosures_list",
        parameters=[
            OpenApiParameter("q", str, description="Search terms (Chinese substrings), e.g. 围标 or a company name."),
            OpenApiParameter("kind", str, enum=list(Disclosure.Kind.values)),
            OpenApiParameter("department", int, description="Department id."),
            OpenApiParameter("entity", str, description="Company name or unified social credit code."),
            OpenApiParameter("date_from", str, description="Published on or after (YYYY-MM-DD)."),
            OpenApiParameter("date_to", str, description="Published on or before (YYYY-MM-DD)."),
        ],
        responses={200: payloads.DisclosureSerializer(many=True), **problem_responses(400, 404, 429)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        form = DisclosureFilterForm(self.request.query_params)
        if not form.is_valid():
            raise from_form_errors(form)
        return public_disclosures(form.filters()).select_related("project")


class DisclosureDetail(PublicView, APIView):
    @extend_schema(operation_id="disclosures_retrieve",
                   responses={200: payloads.DisclosureSerializer, **problem_responses(404, 429)})
    def get(self, request, pk: int):
        disclosure = public_disclosure(pk)
        if disclosure is None:
            raise exceptions.NotFound(_("This disclosure does not exist or is no longer published."))
        return Response(payloads.DisclosureSerializer(disclosure, context={"request": request}).data)


class DrawDetail(PublicView, APIView):
    """Everything needed to verify a draw without the web page: the manifest, the revealed secret
    and public value, the result and links to the snapshot files (see docs/draw-algorithm.md)."""

    @extend_schema(operation_id="draws_retrieve",
                   responses={200: payloads.DrawSerializer, **problem_responses(404, 429)})
    def get(self, request, number: str):
        try:
            plan = inspection_selectors.public_plan(number)
        except InspectionPlan.DoesNotExist:
            raise exceptions.NotFound(_("No published draw has this number.")) from None
        record = plan.draw_record
        revealed = inspection_selectors.revealed_record(plan)

        def link(name, filename=None):
            args = [plan.code, filename] if filename else [plan.code]
            return request.build_absolute_uri(reverse(f"inspections:{name}", args=args))

        has_result = revealed is not None and bool(record.result_json)
        return Response({
            "number": plan.code, "title": plan.title, "state": plan.state, "draw_at": local(plan.draw_at),
            "frozen_at": local(record.frozen_at), "drawn_at": local(record.drawn_at),
            "manifest": json.loads(record.manifest_json), "manifest_sha256": record.manifest_sha256,
            "reveal": inspection_selectors.reveal_payload(plan, record) if revealed else None,
            "result": json.loads(record.result_json) if has_result else None,
            "links": {
                "page": link("plan"), "manifest": link("download", "manifest.json"),
                "targets": link("download", "targets.csv"), "inspectors": link("download", "inspectors.csv"),
                "conflicts": link("download", "conflicts.csv"),
                "reveal": link("download", "reveal.json") if revealed else None,
                "result_json": link("download", "result.json") if has_result else None,
                "result_csv": link("download", "result.csv") if has_result else None,
                "algorithm": link("algorithm"),
                "specification": request.build_absolute_uri(reverse("inspections:specification")),
            },
        })


def _quarter(request, snapshot, *, figures: bool) -> dict:
    from reporting.models import QuarterlyReportPage

    page = QuarterlyReportPage.objects.live().public().filter(snapshot=snapshot).first()
    data = {
        "period": f"{snapshot.year}-Q{snapshot.quarter}", "year": snapshot.year, "quarter": snapshot.quarter,
        "frozen_at": local(snapshot.created_at),
        "report_url": request.build_absolute_uri(page.url) if page is not None and page.url else None,
    }
    if figures:
        data["figures"] = snapshot.data
    return data


class QuarterList(PublicView, generics.GenericAPIView):
    """Quarters whose report has been published, newest first."""

    @extend_schema(operation_id="statistics_quarters_list",
                   responses={200: payloads.QuarterSummarySerializer(many=True), **problem_responses(404, 429)})
    def get(self, request):
        page = self.paginate_queryset(reporting_selectors.published_snapshots())
        return self.get_paginated_response([_quarter(request, snapshot, figures=False) for snapshot in page])


class QuarterDetail(PublicView, APIView):
    @extend_schema(operation_id="statistics_quarters_retrieve",
                   responses={200: payloads.QuarterSerializer, **problem_responses(404, 429)})
    def get(self, request, period: str):
        match = PERIOD.match(period)
        snapshot = reporting_selectors.published_snapshot(int(match[1]), int(match[2])) if match else None
        if snapshot is None:
            raise exceptions.NotFound(_("No published quarterly report for %(period)s (use the form 2026-Q3).")
                                      % {"period": period})
        return Response(_quarter(request, snapshot, figures=True))
