"""Trading data pushed by a trading platform: OCDS release packages go through the same import
service and job as the back office's file upload (monitoring.services.imports), so they are
checked, idempotent by release id and recorded with the client's staff account and name."""

import json

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions
from rest_framework import status as http
from rest_framework.response import Response
from rest_framework.views import APIView

from api.models import Scope
from api.permissions import StaffOrClientScope, calling_client
from api.presenters import local
from api.problems import problem_responses
from api.serializers import trading as payloads
from monitoring.models import RunState, TradingImport
from monitoring.services import imports
from portal.audit import acting_through_client

MAX_RELEASES = 10_000


def job_data(request, job: TradingImport) -> dict:
    from django.urls import reverse

    return {
        "id": job.pk, "state": job.state, "state_label": job.get_state_display(), "progress": job.progress,
        "rows_done": job.rows_done, "created_at": local(job.created_at), "finished_at": local(job.finished_at),
        "report": job.report or None, "error": job.error,
        "url": request.build_absolute_uri(reverse("api:trading_import", args=[job.pk])),
    }


class ReleaseImport(APIView):
    permission_classes = [StaffOrClientScope]
    required_scope = Scope.PUSH_TRADING_DATA
    staff_app = "monitoring"

    @extend_schema(
        operation_id="trading_releases_push", request=payloads.ReleasePackageSerializer,
        parameters=[OpenApiParameter("mode", str, enum=list(TradingImport.Mode.values),
                                     description="all_or_nothing (default) or good_rows_only.")],
        responses={201: payloads.ImportJobSerializer, 202: payloads.ImportJobSerializer,
                   **problem_responses(400, 401, 403, 422, 429)},
        description="An OCDS 1.1 release package with the bids extension. Releases are idempotent by id: the "
                    f"same release again changes nothing. Up to {settings.API_RELEASES_INLINE_LIMIT} releases are "
                    "imported at once (201, with the report); larger packages run as a task (202): poll the job.",
    )
    def post(self, request):
        payload = payloads.ReleasePackageSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        releases = request.data["releases"]
        if len(releases) > MAX_RELEASES:
            raise exceptions.ValidationError({"releases": [
                _("At most %(max)s releases per request; split the package.") % {"max": MAX_RELEASES}]})
        mode = request.query_params.get("mode") or TradingImport.Mode.ALL_OR_NOTHING
        if mode not in TradingImport.Mode.values:
            raise exceptions.ValidationError({"mode": [
                _("Choose one of: %(values)s.") % {"values": ", ".join(TradingImport.Mode.values)}]})
        client = calling_client(request)
        source = f"api-{client.name}" if client else f"api-{request.user.get_username()}"
        upload = ContentFile(json.dumps(dict(request.data), ensure_ascii=False).encode("utf-8"),
                             name=f"{source}-{timezone.localtime():%Y%m%d-%H%M%S}.json")
        with acting_through_client(client.name if client else ""):
            job = imports.start_trading_import(actor=request.user, upload=upload, kind=TradingImport.Kind.OCDS,
                                               mode=mode)
            if len(releases) <= settings.API_RELEASES_INLINE_LIMIT:
                job = imports.run_trading_import(import_id=job.pk)  # no-op if a worker already took it
        job.refresh_from_db()
        if job.state != RunState.SUCCEEDED:
            return Response(job_data(request, job), status=http.HTTP_202_ACCEPTED if job.state != RunState.FAILED
                            else http.HTTP_422_UNPROCESSABLE_ENTITY)
        if not job.report.get("committed"):
            raise exceptions.ValidationError({"releases": [
                _("%(reference)s (release %(row)s): %(reason)s") % error for error in job.report.get("errors", [])
            ] or [_("Nothing was imported.")]})
        return Response(job_data(request, job), status=http.HTTP_201_CREATED)


class ImportJob(APIView):
    permission_classes = [StaffOrClientScope]
    required_scope = Scope.PUSH_TRADING_DATA
    staff_app = "monitoring"

    @extend_schema(operation_id="trading_imports_retrieve",
                   responses={200: payloads.ImportJobSerializer, **problem_responses(401, 403, 404, 429)})
    def get(self, request, pk: int):
        job = TradingImport.objects.filter(pk=pk).first()
        if job is None or not (request.user.has_perm("monitoring.view_tradingimport")
                               or job.requested_by_id == request.user.pk):
            raise exceptions.NotFound(_("No such import, or it is not visible to you."))
        return Response(job_data(request, job))
