"""`cached_page`: a view opts in to being kept by the page cache's front door
(page_cache.middleware), which answers later requests with the same key.

Kept only for a visitor with no session cookie (so never signed-in staff, never
anyone with answers, a draft or a message in their session), only GET and HEAD
(the middleware decides those), only 200 text or spreadsheet responses (or a redirect the view opts in) that set
no cookie of their own and leave the session untouched, and only when every
query parameter is one the view declares (anything else, such as a free-text
search, renders afresh)."""

import functools

from django.conf import settings
from django.utils.cache import patch_vary_headers

from page_cache.middleware import FILE_TYPES

DEFAULT_CACHE_CONTROL = "private, no-cache"
TEXT_TYPES = ("text/", "application/json", "application/csvm+json", "application/atom+xml")


def _storable(request, response, *, redirect: bool) -> bool:
    session = getattr(request, "session", None)
    return (
        (response.status_code == 200 or (redirect and response.status_code == 302))
        and not response.streaming
        and not response.cookies
        and not (session is not None and session.modified)
        and response.get("Content-Type", "").startswith(TEXT_TYPES + FILE_TYPES)
    )


def cached_page(view=None, *, query: tuple[str, ...] = (), max_age: float | None = None, redirect: bool = False):
    """Keep `view`'s pages. `query` names the parameters that make a different
    page; `max_age` (seconds) caps how stale a page may be, for figures that
    change without an edit (places left on an evening); `redirect` keeps a
    redirect too, for a view whose redirect is the same for every visitor
    without a session (quick exit)."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if getattr(request, "page_cache_key", None) is None or any(name not in query for name in request.GET):
                return view(request, *args, **kwargs)
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            response.setdefault("Cache-Control", DEFAULT_CACHE_CONTROL)
            if _storable(request, response, redirect=redirect):
                age = settings.PAGE_CACHE_MAX_AGE if max_age is None else min(max_age, settings.PAGE_CACHE_MAX_AGE)
                response.page_cache_max_age = age
            patch_vary_headers(response, ["Cookie"])
            response["X-Page-Cache"] = "miss"
            return response

        return wrapper

    return decorate(view) if view is not None else decorate
