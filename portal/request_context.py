"""Who is asking, for the audit trail: the client's address and a request id, kept in a context
variable for the length of a request so that audit events record them without services passing
them around. The request id is the caller's X-Request-ID when it looks like one (a proxy or an
integration client correlating its logs), otherwise a new one; the response echoes it."""

import ipaddress
import re
import uuid
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from portal.http import client_ip

HEADER = "X-Request-ID"
SANE_REQUEST_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$")


@dataclass(frozen=True)
class RequestContext:
    client_address: str | None = None
    request_id: str = ""


NO_REQUEST = RequestContext()
_current: ContextVar[RequestContext] = ContextVar("request_context", default=NO_REQUEST)


def current() -> RequestContext:
    """The running request's context, or an empty one (a task, a management command)."""
    return _current.get()


@contextmanager
def serving(context: RequestContext):
    """Run the block as part of the request `context` (the middleware; tests of services)."""
    token = _current.set(context)
    try:
        yield context
    finally:
        _current.reset(token)


def client_address_from(request) -> str | None:
    """The proxy-aware client address, if it is an address at all (a column of type inet takes it)."""
    address = client_ip(request)
    try:
        return str(ipaddress.ip_address(address)) if address else None
    except ValueError:
        return None


def request_id_from(request) -> str:
    offered = request.headers.get(HEADER, "").strip()
    return offered if SANE_REQUEST_ID.match(offered) else uuid.uuid4().hex


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        context = RequestContext(client_address=client_address_from(request), request_id=request_id_from(request))
        request.request_id = context.request_id
        with serving(context):
            response = self.get_response(request)
        response[HEADER] = context.request_id
        return response
