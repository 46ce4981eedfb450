"""Plain-language wording of a case's state and deadlines for the filer."""

from django.utils.translation import gettext_lazy as _

from cases.models.choices import State

STATE_EXPLANATIONS = {
    State.SUBMITTED: _("The office is checking your filing and will decide whether to accept it."),
    State.NEEDS_SUPPLEMENT: _("The office needs more information from you before it can decide. "
                              "Please supplement your filing by the date shown."),
    State.REJECTED: _("Your filing was not accepted. The reason is shown below."),
    State.ACCEPTED: _("Your filing was accepted and will be referred to the responsible supervising department."),
    State.ASSIGNED: _("The responsible supervising department has received your case."),
    State.INVESTIGATING: _("The supervising department is investigating."),
    State.SUSPENDED: _("Handling is suspended while testing, appraisal or expert review takes place; "
                       "this time is not counted in the time limit."),
    State.UNDER_REVIEW: _("A decision has been drafted and is being reviewed."),
    State.DECIDED: _("A decision has been made. You will receive feedback shortly."),
    State.REPLIED: _("Feedback has been given. Please tell us whether you are satisfied."),
    State.CLOSED: _("The case is closed."),
    State.WITHDRAWN: _("The case was withdrawn at your request."),
    State.TRANSFERRED: _("The case was transferred to another competent authority."),
}

DEADLINE_LABELS = {
    "supplement": _("Your supplement is due by"),
    "acceptance": _("Decision on acceptance expected by"),
    "decision": _("Handling decision expected by"),
    "reply": _("Feedback expected by"),
    "rating": _("Please rate by"),
}


def deadline_rows(deadlines: dict) -> list[dict]:
    return [
        {"label": DEADLINE_LABELS.get(name, name), "due": info["due"], "workdays_left": info["workdays_left"],
         "paused": info["paused"], "provisional": info.get("provisional", False)}
        for name, info in deadlines.items()
    ]


def state_explanation(case) -> str:
    return STATE_EXPLANATIONS.get(case.state, "")
