"""Plain data for API responses, built from the apps' selectors (visibility applied there)."""

from django.utils import timezone

from cases import selectors
from cases.admin_views.common import event_label
from cases.exports import staff_name
from cases.public.presenters import DEADLINE_LABELS, state_explanation


def local(moment):
    """Times in the portal's zone (Asia/Shanghai, +08:00): ISO 8601 with the offset people expect."""
    return timezone.localtime(moment) if moment is not None else None


def deadlines(case) -> list[dict]:
    return [
        {"name": name, "label": str(DEADLINE_LABELS.get(name, name)), "due": info["due"],
         "workdays_left": info["workdays_left"], "paused": info["paused"], "provisional": info["provisional"]}
        for name, info in selectors.remaining_workdays(case).items()
    ]


def tracked_case(case) -> dict:
    return {
        "number": case.number, "kind": case.kind, "title": case.title, "state": case.state,
        "state_label": case.get_state_display(), "explanation": str(state_explanation(case)),
        "received_at": local(case.received_at), "deadlines": deadlines(case),
        "timeline": [{**event, "at": local(event["at"]), "state_label": str(event["state_label"])} for event in selectors.public_timeline(case)],
    }


def case_summary(case) -> dict:
    department = case.department
    return {
        "number": case.number, "kind": case.kind, "channel": case.channel, "state": case.state,
        "state_label": case.get_state_display(), "title": case.title,
        "department": {"id": department.pk, "code": department.code, "name": department.name} if department else None,
        "handler": staff_name(case.handler) or None, "received_at": local(case.received_at),
        "current_deadline": case.current_deadline, "current_due": case.current_due, "version": case.version,
    }


def case_detail(user, case) -> dict:
    identity = selectors.filer_identity(user, case)
    return {
        **case_summary(case),
        "facts": case.facts, "requests": case.requests,
        "project_code": case.project.code if case.project_id else None,
        "project_name": case.project.name if case.project_id else case.project_text,
        "respondent": case.respondent.name if case.respondent_id else case.respondent_text,
        "matter_type": case.matter_type, "knew_on": case.knew_on, "objection_raised_on": case.objection_raised_on,
        "objection_replied_on": case.objection_replied_on, "objection_reply": case.objection_reply,
        "outcome": case.outcome, "decision_text": case.decision_text, "measures": list(case.measures or []),
        "identity_hidden": identity is None, "filer": identity,
        "deadlines": deadlines(case), "intake_warnings": selectors.intake_warnings(case),
        "available_actions": selectors.available_actions(user, case),
        "events": [
            {"at": local(event.created_at), "action": event.action, "label": str(event_label(event.action)),
             "actor": staff_name(event.actor) or event.actor_label, "from_state": event.from_state,
             "to_state": event.to_state, "note": event.note}
            for event in selectors.case_events(user, case).select_related("actor__staff_profile")
        ],
    }
