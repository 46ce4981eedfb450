"""Who may see a case on the public side: its logged-in filer, or a session that proved the access code."""

from cases.models import Case

SESSION_KEY = "cases_proven"
RECEIPT_KEY = "cases_receipt"


def remember_proof(request, case) -> None:
    proven = dict(request.session.get(SESSION_KEY, {}))
    if not proven and request.session.session_key is not None:
        # Proving an access code raises this session's privileges: new session key. A session
        # that does not exist yet gets a new key when it is first saved.
        request.session.cycle_key()
    proven[case.number] = case.pk
    request.session[SESSION_KEY] = proven


def is_proven(request, case) -> bool:
    return request.session.get(SESSION_KEY, {}).get(case.number) == case.pk


def case_for_filer(request, number: str):
    """The case numbered `number` if this request may see it on the public side, else None."""
    user = request.user
    proven_pk = request.session.get(SESSION_KEY, {}).get(number)
    if user.is_authenticated:
        case = Case.objects.filter(number=number, filer_user=user).first()
        if case is not None:
            return case
    if proven_pk is not None:
        return Case.objects.filter(pk=proven_pk, number=number).first()
    return None


def filer_user_for(request, case):
    """The account to pass to filer services: the logged-in filer, or None when proven by access code."""
    user = request.user
    return user if user.is_authenticated and case.filer_user_id == user.pk else None
