"""What a shared cache (a proxy, a CDN) may keep.

A response that depends on who asks (it read the session or the account, carries a CSRF token,
or belongs to the back office) is `Cache-Control: private, no-store`, whatever the view said.
Every other response is rendered in the language chosen by the language cookie, so it varies on
`Cookie`, unless the view marked it language-neutral (draw files, downloads of fixed bytes)."""

from functools import wraps

from django.utils.cache import add_never_cache_headers, patch_vary_headers

BACK_OFFICE_PREFIXES = ("/admin/", "/django-admin/")


def language_neutral(view):
    """Mark a view whose bytes are the same in every language: no `Vary`, no `Content-Language`."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.language_neutral = True
        return response

    return wrapper


def depends_on_visitor(request) -> bool:
    session = getattr(request, "session", None)
    # A visitor without a session cookie sees what every such visitor sees; with one (signed in,
    # or anonymous with state such as a tracking session) the page may be theirs alone.
    if session is not None and (session.modified or (session.accessed and session.session_key)):
        return True
    return request.path.startswith(BACK_OFFICE_PREFIXES)


class PrivateResponseMiddleware:
    """Sits right after SessionMiddleware, so it sees what every later layer did with the session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if depends_on_visitor(request):
            # Replace whatever the view allowed: nothing personal may be stored on the way.
            if "Cache-Control" in response.headers:
                del response.headers["Cache-Control"]
            add_never_cache_headers(response)
            patch_vary_headers(response, ("Cookie",))
        elif getattr(response, "language_neutral", False):
            if "Content-Language" in response.headers:
                del response.headers["Content-Language"]
            session = getattr(request, "session", None)
            if session is not None:
                # Reading the (empty) session of a visitor without a session cookie, as the
                # authentication layers do on every request, would make SessionMiddleware add
                # `Vary: Cookie`; these bytes do not depend on it.
                session.accessed = False
        else:
            patch_vary_headers(response, ("Cookie",))
        return response
