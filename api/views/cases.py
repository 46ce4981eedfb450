"""Cases over the API: intake and tracking (public side, the web forms' rules and throttles) and the
staff list, detail and actions (the back office's selectors, forms and services)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, generics
from rest_framework import status as http
from rest_framework.response import Response
from rest_framework.views import APIView

from api import presenters
from api.models import Scope
from api.permissions import ClientScope, StaffOrClientScope, calling_client
from api.problems import from_form_errors, from_validation_error, problem_responses
from api.serializers import cases as payloads
from cases import selectors, services
from cases.admin_views.actions import ACTIONS
from cases.models import Channel, Kind, State
from cases.public import throttle
from cases.public.forms import ComplaintForm, ReportForm, SuggestionForm, TrackForm
from cases.public.views.common import SERVICE_FIELD_TO_FORM
from cases.public.views.tracking import WRONG_PAIR
from portal.audit import acting_through_client
from portal.errors import StaleObject

INTAKE_FORMS = {Kind.COMPLAINT: ComplaintForm, Kind.REPORT: ReportForm, Kind.SUGGESTION: SuggestionForm}
# API field name -> web form field name, where they differ.
API_TO_FORM = {"project": "project_query"}
FORM_TO_API = {form: api for api, form in API_TO_FORM.items()}
SERVICE_TO_API = {service: FORM_TO_API.get(form, form) for service, form in SERVICE_FIELD_TO_FORM.items()}


def _form_data(validated: dict) -> dict:
    data = {}
    for name, value in validated.items():
        if value is None:
            continue
        data[API_TO_FORM.get(name, name)] = value.isoformat() if hasattr(value, "isoformat") else value
    return data


class CaseCollection(generics.GenericAPIView):
    """POST: file a complaint, report or suggestion for the client's users (channel "API").
    GET: the cases the caller sees in the back office (department and grid scope), newest first."""

    serializer_class = payloads.StaffCaseListSerializer

    @property
    def required_scope(self):
        return Scope.FILE_CASES if self.request.method == "POST" else Scope.READ_CASES

    def get_permissions(self):
        return [ClientScope()] if self.request.method == "POST" else [StaffOrClientScope()]

    @extend_schema(
        operation_id="cases_file", request=payloads.CaseIntakeSerializer,
        responses={201: payloads.CaseReceiptSerializer, **problem_responses(400, 401, 403, 422, 429)},
        description="The same checks as the web forms: real identity for complaints (valid ID number or credit "
                    "code), a project, the matter, dates not in the future, the objection before its answer. "
                    "Deadlines are set as for any filing; the access code is returned only here.",
    )
    def post(self, request):
        payload = payloads.CaseIntakeSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        kind = payload.validated_data["kind"]
        form = INTAKE_FORMS[kind](data=_form_data(payload.validated_data), files={})
        if not form.is_valid():
            raise from_form_errors(form, FORM_TO_API)
        client = calling_client(request)
        reference = payload.validated_data.get("external_reference", "")
        try:
            with acting_through_client(client.name):
                submitted = services.submit_case(
                    kind=kind, channel=Channel.API, actor=None, filer_user=None,
                    source_reference=f"{client.name}: {reference}"[:200] if reference else client.name[:200],
                    **form.service_kwargs(),
                )
        except ValidationError as error:
            raise from_validation_error(error, SERVICE_TO_API) from None
        case = submitted.case
        return Response({
            "number": case.number, "access_code": submitted.access_code, "kind": case.kind, "state": case.state,
            "received_at": presenters.local(case.received_at), "deadlines": presenters.deadlines(case),
            "intake_warnings": selectors.intake_warnings(case),
        }, status=http.HTTP_201_CREATED)

    @extend_schema(
        operation_id="staff_cases_list",
        parameters=[
            OpenApiParameter("queue", str, enum=list(selectors.QUEUES),
                             description="A back-office work list; default all."),
            OpenApiParameter("state", str, enum=list(State.values)),
            OpenApiParameter("kind", str, enum=list(Kind.values)),
        ],
        responses={200: payloads.StaffCaseListSerializer(many=True), **problem_responses(400, 401, 403, 404, 429)},
    )
    def get(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response([presenters.case_summary(case) for case in page])

    def get_queryset(self):
        params = self.request.query_params
        errors = {}
        queue = params.get("queue") or "all"
        if queue not in selectors.QUEUES:
            errors["queue"] = [_("Choose one of: %(values)s.") % {"values": ", ".join(selectors.QUEUES)}]
        for name, values in (("state", State.values), ("kind", Kind.values)):
            if params.get(name) and params[name] not in values:
                errors[name] = [_("Choose one of: %(values)s.") % {"values": ", ".join(values)}]
        if errors:
            raise exceptions.ValidationError(errors)
        cases = selectors.queue(self.request.user, queue)
        if params.get("state"):
            cases = cases.filter(state=params["state"])
        if params.get("kind"):
            cases = cases.filter(kind=params["kind"])
        return cases.order_by("-received_at", "-pk")


class CaseTrackView(APIView):
    """Number + access code -> the public timeline, limited exactly like the web tracking page."""

    authentication_classes = []
    permission_classes = []
    throttle_classes = []  # the web page's own limits apply (cases.public.throttle)

    @extend_schema(
        operation_id="cases_track", request=payloads.TrackRequestSerializer,
        responses={200: payloads.TrackedCaseSerializer, **problem_responses(400, 404, 429)},
    )
    def post(self, request):
        number = str((request.data.get("number") if isinstance(request.data, dict) else "") or "")
        exhausted = throttle.tracking_limit_reached(request._request, number)
        if exhausted:
            raise exceptions.Throttled(wait=throttle.retry_after(exhausted))
        payload = payloads.TrackRequestSerializer(data=request.data)
        form = TrackForm(data=request.data if payload.is_valid() else {})
        case = None
        if payload.is_valid() and form.is_valid():
            case = selectors.find_case_by_access_code(form.cleaned_data["number"], form.cleaned_data["access_code"])
        if case is None:  # only failed lookups count, as on the web page
            throttle.count_failed_tracking(request._request, number)
            payload.is_valid(raise_exception=True)
            if not form.is_valid():
                raise from_form_errors(form)
            raise exceptions.NotFound(str(WRONG_PAIR))
        return Response(presenters.tracked_case(case))


# --- Staff ----------------------------------------------------------------------------------------

def _visible_case(request, number: str):
    case = selectors.visible_cases(request.user).filter(number=number.upper()).values_list("pk", flat=True).first()
    if case is None:
        raise exceptions.NotFound(_("No such case, or it is not visible to you."))
    return selectors.get_visible_case(request.user, case)


class StaffCaseDetail(APIView):
    permission_classes = [StaffOrClientScope]
    required_scope = Scope.READ_CASES

    @extend_schema(operation_id="staff_cases_retrieve",
                   responses={200: payloads.StaffCaseDetailSerializer, **problem_responses(401, 403, 404, 429)})
    def get(self, request, number):
        return Response(presenters.case_detail(request.user, _visible_case(request, number)))


class StaffCaseTransition(APIView):
    """Run one back-office action: the same form fields, availability rules, services and refusals."""

    permission_classes = [StaffOrClientScope]
    required_scope = Scope.ACT_ON_CASES

    @extend_schema(
        operation_id="staff_cases_transition", request=payloads.TransitionRequestSerializer,
        parameters=[OpenApiParameter("name", str, OpenApiParameter.PATH, enum=sorted(ACTIONS))],
        responses={200: payloads.TransitionResultSerializer, **problem_responses(400, 401, 403, 404, 409, 422, 429)},
    )
    def post(self, request, number, name):
        if name not in ACTIONS:
            raise exceptions.NotFound(_("Unknown action: %(name)s.") % {"name": name})
        case = _visible_case(request, number)
        spec = ACTIONS[name]
        payload = payloads.TransitionRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = {key: value for key, value in payload.validated_data.items() if value is not None}
        data.setdefault("version", case.version)
        if "approve" in data:
            data["approve"] = "yes" if data["approve"] else "no"
        # As in the back office: a stale view first, then whether the action is open to the caller.
        if spec.versioned and data["version"] != case.version:
            raise StaleObject()
        if name not in selectors.available_actions(request.user, case):
            raise exceptions.PermissionDenied(
                _("“%(action)s” is not possible for you on this case now.") % {"action": spec.label})
        form = spec.form_class(data=data)
        if not form.is_valid():
            raise from_form_errors(form)
        arguments = dict(case_id=case.pk, actor=request.user, **form.service_arguments())
        if spec.versioned:
            arguments.update(expected_version=form.cleaned_data["version"])
        client = calling_client(request)
        try:
            with acting_through_client(client.name if client else ""):
                result = getattr(services, name)(**arguments)
        except ValidationError as error:
            raise from_validation_error(error) from None
        body = {"case": presenters.case_detail(request.user, selectors.get_visible_case(request.user, case.pk))
                if selectors.can_see(request.user, case) else None}
        if name == "reveal_identity":
            body["identity"] = result
        return Response(body)
