"""All writes to cases (DESIGN §2). Keyword-only, atomic, domain errors; see /cases-contract."""

from cases.services.bulk import BulkResult, refer_cases
from cases.services.closing import decide_withdrawal, request_withdrawal, transfer_out
from cases.services.decision import record_decision_service
from cases.services.handling import (
    approve_decision,
    propose_decision,
    rate_satisfaction,
    reply_to_filer,
    resume,
    send_back,
    start_handling,
    suspend,
)
from cases.services.intake import SubmittedCase, add_attachment, add_attachments, open_case, submit_case
from cases.services.supervision import (
    add_internal_note,
    decide_extension,
    export_identities,
    issue_supervision_notice,
    request_extension,
    reveal_identity,
)
from cases.services.system import (
    close_unrated,
    escalate_overdue,
    expire_supplements,
    issue_overdue_notices,
    run_daily,
    send_reminders,
)
from cases.services.triage import accept, assign, reject, request_supplement, return_to_office, supplement

__all__ = [
    "BulkResult", "SubmittedCase", "accept", "add_attachment", "add_attachments", "add_internal_note", "approve_decision",
    "assign", "close_unrated", "decide_extension", "decide_withdrawal", "escalate_overdue",
    "expire_supplements", "export_identities", "issue_overdue_notices", "issue_supervision_notice", "open_case",
    "propose_decision", "rate_satisfaction", "record_decision_service", "refer_cases", "reject", "reply_to_filer",
    "request_extension", "request_supplement", "request_withdrawal",
    "resume", "return_to_office", "reveal_identity", "run_daily", "send_back", "send_reminders", "start_handling",
    "submit_case", "supplement", "suspend", "transfer_out",
]
