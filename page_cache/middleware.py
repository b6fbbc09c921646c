"""The page cache inside Django: it keeps the pages `cached_page` views mark,
and answers a kept page before the rest of the middleware runs (it sits first
in MIDDLEWARE). page_cache.wsgi answers most of them even before Django, and gives the
rest (say, a visitor whose visit-counting cookie must change) to this one.

What the rest of the stack added is kept with the page: the final headers of
the response that was stored (security headers, the policy, Vary). What differs
per visitor is redone on every answer by the middleware named in
settings.PAGE_CACHE_REPLAY_MIDDLEWARE, run around the kept page: the CSRF cookie
that goes with the visitor's token, the visit-counting cookie."""

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
# A page, or a redirect that is the same for every visitor without a session (quick exit).
KEPT_STATUSES = (200, 302)


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
    """What the view marked, as it left the whole stack: still the answer the
    view gave (a 200, or a redirect the view opted in) that started no session on the way out."""
    return (
        response.status_code in KEPT_STATUSES
        and not response.streaming
        and settings.SESSION_COOKIE_NAME not in response.cookies
    )


def _entry(response, max_age: float) -> Entry:
    is_file = response.get("Content-Type", "").startswith(FILE_TYPES)
    content = response.content if is_file else holes.punch(response.content)
    # Compressed once, here, for clients that accept gzip; a page with tokens in
    # pieces around them (page_cache.compression says why that is safe).
    compress = len(content) >= COMPRESS_FROM and not response.has_header("Content-Encoding")
    if compress:
        patch_vary_headers(response, ["Accept-Encoding"])
    headers = {name: value for name, value in response.items() if name.lower() not in _NOT_STORED}
    return Entry(content, headers, max_age, status=response.status_code, compress=compress, is_file=is_file)


def _compress_first_answer(request, response, entry: Entry) -> None:
    """The visitor whose request rendered the page gets it compressed too, as
    every later visitor will: the kept page with tokens of their own (the CSRF
    secret the page was rendered with, a fresh mask; new form tokens, which no
    server state ties to a page)."""
    body, encoding = entry.answer(request.META, request.META.get("HTTP_ACCEPT_ENCODING", ""))
    if not encoding:
        return
    response.content = body
    for name, value in encoding:
        response[name] = value
    if response.has_header("Content-Length"):
        response["Content-Length"] = str(len(body))


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
            entry = _entry(response, max_age)
            pages.put(key, entry, size=entry.size, max_age=entry.max_age, max_size=settings.PAGE_CACHE_MAX_BYTES)
            _compress_first_answer(request, response, entry)
        return response

    @staticmethod
    def _kept_page(request) -> HttpResponse:
        entry = request.page_cache_entry
        body, encoding = entry.answer(request.META, request.META.get("HTTP_ACCEPT_ENCODING", ""))
        response = HttpResponse(body, status=entry.status, headers={**entry.headers, **dict(encoding)})
        response["X-Page-Cache"] = "hit"
        return response
