"""`cached_page`: a view opts in to being served from this process's store.

Only for a visitor with no session cookie (so never signed-in staff, never
anyone with answers, a draft or a message in their session), only GET and HEAD,
only 200 responses that set no cookie of their own, and only when every query
parameter is one the view declares (anything else, such as a free-text search,
renders afresh). The key is the host, the path, the query string and the
cookie-consent choice (the banner differs)."""

import functools

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

from page_cache import holes, invalidation
from page_cache.store import Entry, pages

# Recomputed per response by the middleware, never replayed from the store.
_NOT_STORED = {"content-length", "set-cookie", "vary"}
DEFAULT_CACHE_CONTROL = "private, no-cache"
# Pages and text downloads keep holes for the visitor's tokens; files such as spreadsheets are kept as bytes.
TEXT_TYPES = ("text/", "application/json", "application/csvm+json")
FILE_TYPES = ("application/vnd.oasis.opendocument.spreadsheet",)


def _key(request) -> tuple | None:
    if request.method not in ("GET", "HEAD") or settings.SESSION_COOKIE_NAME in request.COOKIES:
        return None
    return (
        request.get_host(),
        request.path,
        request.META.get("QUERY_STRING", ""),
        request.COOKIES.get(settings.COOKIE_CONSENT_NAME, ""),
    )


def _storable(request, response) -> bool:
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not (session is not None and session.modified)
        and response.get("Content-Type", "").startswith(TEXT_TYPES + FILE_TYPES)
    )


def _is_file(response) -> bool:
    return response.get("Content-Type", "").startswith(FILE_TYPES)


def cached_page(view=None, *, query: tuple[str, ...] = (), max_age: float | None = None):
    """Serve `view` from the page cache. `query` names the parameters that make
    a different page; `max_age` (seconds) caps how stale a page may be, for
    figures that change without an edit (places left on an evening)."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if not settings.PAGE_CACHE_ENABLED or any(name not in query for name in request.GET):
                return view(request, *args, **kwargs)
            key = _key(request)
            if key is None or not invalidation.current():
                return view(request, *args, **kwargs)
            entry = pages.get(key)
            if entry is not None:
                content = entry.content if isinstance(entry.content, bytes) else holes.fill(entry.content, request)
                response = HttpResponse(content, headers=entry.headers)
                patch_vary_headers(response, ["Cookie"])
                response["X-Page-Cache"] = "hit"
                return response
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            response.setdefault("Cache-Control", DEFAULT_CACHE_CONTROL)
            if _storable(request, response):
                headers = {name: value for name, value in response.items() if name.lower() not in _NOT_STORED}
                if _is_file(response):
                    content = response.content
                else:
                    content = holes.punch(response.content.decode(response.charset))
                age = settings.PAGE_CACHE_MAX_AGE if max_age is None else min(max_age, settings.PAGE_CACHE_MAX_AGE)
                pages.put(key, Entry(content, headers, age), max_bytes=settings.PAGE_CACHE_MAX_BYTES)
            patch_vary_headers(response, ["Cookie"])
            response["X-Page-Cache"] = "miss"
            return response

        return wrapper

    return decorate(view) if view is not None else decorate
