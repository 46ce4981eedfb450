"""Tracking with number + access code, the filer's case page and the filer's actions on it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from cases import selectors, services
from cases.models.choices import WITHDRAWABLE_STATES, State
from cases.public import throttle
from cases.public.access import case_for_filer, filer_user_for, is_proven, remember_proof
from cases.public.forms import RatingForm, SupplementForm, TrackForm, WithdrawalForm
from cases.public.presenters import deadline_rows, state_explanation
from cases.public.views.common import add_service_errors
from portal.errors import DomainError, StaleObject

WRONG_PAIR = gettext_lazy("The case number and access code do not match. Check both on your receipt and try again.")


@never_cache
def track(request):
    form = TrackForm(request.POST or None)
    if request.method == "POST":
        if throttle.tracking_limit_reached(request, form.data.get("number")):
            return throttle.too_many_requests(request)
        if form.is_valid():
            case = selectors.find_case_by_access_code(form.cleaned_data["number"], form.cleaned_data["access_code"])
            if case is not None:
                remember_proof(request, case)
                return redirect("cases:case_detail", number=case.number)
            form.add_error(None, WRONG_PAIR)
        # Only failures count, per client and per (number, client).
        throttle.count_failed_tracking(request, form.data.get("number"))
    return render(request, "cases/public/track.html", {"form": form})


@login_required(login_url=reverse_lazy("accounts:login"))
def my_cases(request):
    page = Paginator(selectors.cases_of_filer(request.user), 20).get_page(request.GET.get("page"))
    return render(request, "cases/public/my_cases.html", {"page": page, "cases": page.object_list})


def _forms_for(case, data=None, files=None, bound=""):
    """The action forms this case offers its filer now; only `bound` gets the posted data."""
    forms = {}
    if case.state == State.NEEDS_SUPPLEMENT:
        forms["supplement"] = SupplementForm(data if bound == "supplement" else None,
                                             files if bound == "supplement" else None)
    if case.state in WITHDRAWABLE_STATES and not case.withdrawal_requested_at:
        forms["withdraw"] = WithdrawalForm(data if bound == "withdraw" else None)
    if case.state == State.REPLIED:
        forms["rate"] = RatingForm(data if bound == "rate" else None)
    return forms


def _render_case(request, case, forms, status=200):
    return render(request, "cases/public/case_detail.html", {
        "case": case,
        "timeline": selectors.public_timeline(case),
        "deadlines": deadline_rows(selectors.remaining_workdays(case)),
        "explanation": state_explanation(case),
        "attachments": case.attachments.filter(purpose__in=("evidence", "supplement")),
        "forms": forms,
        "is_account_filer": filer_user_for(request, case) is not None,
    }, status=status)


def _case_or_redirect(request, number):
    case = case_for_filer(request, number.upper())
    if case is None:
        messages.info(request, _("Enter the case number and access code to see this case."))
    return case


@never_cache
def case_detail(request, number):
    case = _case_or_redirect(request, number)
    if case is None:
        return redirect(reverse("cases:track"))
    return _render_case(request, case, _forms_for(case))


def _filer_action(action: str):
    """A POST view that runs one filer service on a case the request may see."""

    @never_cache
    @require_POST
    def view(request, number):
        case = _case_or_redirect(request, number)
        if case is None:
            return redirect(reverse("cases:track"))
        if throttle.hit(request, "filer_action"):
            return throttle.too_many_requests(request)
        forms = _forms_for(case, request.POST, request.FILES, bound=action)
        form = forms.get(action)
        if form is None:
            messages.error(request, _("This is no longer possible: the case has moved on. See its current state below."))
            return redirect("cases:case_detail", number=case.number)
        if form.is_valid():
            try:
                ACTIONS[action](case, request, form)
            except ValidationError as error:
                add_service_errors(form, error)
            except StaleObject as error:
                messages.error(request, error.message)
                return redirect("cases:case_detail", number=case.number)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, SUCCESS[action])
                return redirect("cases:case_detail", number=case.number)
        return _render_case(request, case, forms)

    return view


def _common(case, request):
    return {"case_id": case.pk, "filer_user": filer_user_for(request, case), "access_proven": is_proven(request, case),
            "expected_version": _posted_version(request)}


def _posted_version(request):
    try:
        return int(request.POST["version"])
    except (KeyError, ValueError):
        return None


ACTIONS = {
    "supplement": lambda case, request, form: services.supplement(
        text=form.cleaned_data["text"], attachments=form.cleaned_data["attachments"], **_common(case, request)),
    "withdraw": lambda case, request, form: services.request_withdrawal(
        reason=form.cleaned_data["reason"], **_common(case, request)),
    "rate": lambda case, request, form: services.rate_satisfaction(
        satisfied=form.cleaned_data["satisfied"], comment=form.cleaned_data["comment"], **_common(case, request)),
}
SUCCESS = {
    "supplement": gettext_lazy("Thank you. Your supplement has been received and the office will continue with your case."),
    "withdraw": gettext_lazy("Your withdrawal request has been sent. The department will decide on it and you will see the result here."),
    "rate": gettext_lazy("Thank you for your rating."),
}

supplement = _filer_action("supplement")
withdraw = _filer_action("withdraw")
rate = _filer_action("rate")
