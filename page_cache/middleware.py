"""The page cache inside Django: it keeps the pages `cached_page` views mark,
and answers a kept page before the rest of the middleware runs (it sits first
in MIDDLEWARE). page_cache.wsgi answers most of them even before Django, and gives the
rest (say, a visitor whose visit-counting cookie must change) to this one.

What the rest of the stack added is kept with the page: the final headers of
the response that was stored (security headers, the policy, Vary). What differs
per visitor is redone on every answer by the middleware named in
settings.PAGE_CACHE_REPLAY_MIDDLEWARE, run around the kept page: the CSRF cookie
that goes with the visitor's token, the visit-counting cookie."""

import gzip

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.module_loading import import_string

from page_cache import holes, invalidation
from page_cache.store import Entry, pages

# Where the front door (page_cache.wsgi) leaves the key it worked out, in the environ.
KEY = "page_cache.key"
MISSED = "page_cache.missed"  # ... and that it found no page under it
# Recomputed per answer, never replayed from the store.
_NOT_STORED = {"content-length", "x-page-cache"}
# Smaller answers gain too little from compression to pay for the header.
COMPRESS_FROM = 1024
# Kept as bytes, as they are; everything else is text with holes for the visitor's tokens.
FILE_TYPES = ("application/vnd.oasis.opendocument.spreadsheet",)


def request_key(meta: dict, cookies: dict) -> tuple | None:
    """The key a page is kept under, from the request as the server handed it
    over (the WSGI environ, which is request.META), or None for a request that
    must always be answered afresh: not a GET or HEAD, or a visitor with a
    session (staff, anyone with answers, a draft or a message). A page is only
    kept after Django has accepted its host."""
    if meta.get("REQUEST_METHOD") not in ("GET", "HEAD") or settings.SESSION_COOKIE_NAME in cookies:
        return None
    proxy_scheme = settings.SECURE_PROXY_SSL_HEADER[0] if settings.SECURE_PROXY_SSL_HEADER else ""
    return (
        meta.get("wsgi.url_scheme"),
        meta.get(proxy_scheme),
        meta.get("HTTP_X_FORWARDED_HOST") if settings.USE_X_FORWARDED_HOST else None,
        meta.get("HTTP_HOST"),
        meta.get("SERVER_NAME"),
        meta.get("SERVER_PORT"),
        meta.get("SCRIPT_NAME", ""),
        meta.get("PATH_INFO", ""),
        meta.get("QUERY_STRING", ""),
        cookies.get(settings.COOKIE_CONSENT_NAME, ""),
    )


def _keepable(response) -> bool:
    """What the view marked, as it left the whole stack: still a 200 that
    started no session on the way out."""
    return (
        response.status_code == 200 and not response.streaming and settings.SESSION_COOKIE_NAME not in response.cookies
    )


def _entry(response, max_age: float) -> Entry:
    if response.get("Content-Type", "").startswith(FILE_TYPES):
        content = response.content
    else:
        content = holes.punch(response.content)
    has_holes = content != response.content
    gzipped = None
    # Downloads and pages with no token in them are compressed once, here. A page
    # with a token is never compressed: a secret in a compressed body can be guessed
    # from the sizes of many answers (BREACH).
    if not has_holes and len(content) >= COMPRESS_FROM and not response.has_header("Content-Encoding"):
        gzipped = gzip.compress(content, mtime=0)
        patch_vary_headers(response, ["Accept-Encoding"])
    headers = {name: value for name, value in response.items() if name.lower() not in _NOT_STORED}
    return Entry(content, headers, max_age, has_holes=has_holes, gzipped=gzipped)


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        answer = self._kept_page
        for path in reversed(settings.PAGE_CACHE_REPLAY_MIDDLEWARE):
            answer = import_string(path)(answer)
        self._answer_from_store = answer

    def __call__(self, request):
        if not settings.PAGE_CACHE_ENABLED:
            return self.get_response(request)
        key = request.META[KEY] if KEY in request.META else request_key(request.META, request.COOKIES)
        if key is None or not invalidation.current():
            return self.get_response(request)
        entry = None if MISSED in request.META else pages.get(key)
        if entry is not None:
            request.page_cache_entry = entry
            return self._answer_from_store(request)
        request.page_cache_key = key  # tells `cached_page` this request may be kept
        response = self.get_response(request)
        max_age = getattr(response, "page_cache_max_age", None)
        if max_age is not None and _keepable(response):
            request.get_host()  # only a host Django accepts (raises otherwise)
            pages.put(key, _entry(response, max_age), max_bytes=settings.PAGE_CACHE_MAX_BYTES)
        return response

    @staticmethod
    def _kept_page(request) -> HttpResponse:
        entry = request.page_cache_entry
        if entry.has_holes:
            response = HttpResponse(holes.fill(entry.content, request.META), headers=entry.headers)
        else:
            body, encoding = entry.body(request.META.get("HTTP_ACCEPT_ENCODING", ""))
            response = HttpResponse(body, headers={**entry.headers, **dict(encoding)})
        response["X-Page-Cache"] = "hit"
        return response
