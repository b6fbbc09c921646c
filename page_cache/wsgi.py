"""The page cache's front door, in front of Django itself (engagement_site.wsgi
wraps the application in it). A kept page is answered from the environ alone:
no request object, no middleware, no signals, no URL routing. That is what
makes a cached page cheaper than the framework's own bare view.

It answers only the plain case and hands everything else to Django, where
page_cache.middleware answers the rest of the kept pages with the full replay:
- a GET or HEAD with no session cookie, for a page Django kept (so its host,
  scheme and path were accepted by the whole stack when it was stored);
- a visitor whose answer leaves their visit-counting cookie as it is
  (settings.PAGE_CACHE_COOKIES_UNCHANGED says which);
- a CSRF cookie that is absent or a plain secret (anything else, Django reads).
What it adds per visitor is what Django's CSRF middleware would: the visitor's
own masked token in each form and the CSRF cookie, set or renewed."""

import time

from django.conf import settings
from django.http import HttpResponse
from django.http.cookie import parse_cookie
from django.middleware.csrf import CSRF_SECRET_LENGTH
from django.utils.module_loading import import_string

from page_cache import invalidation
from page_cache.middleware import KEY, MISSED, request_key
from page_cache.store import pages


def _plain_secret(value: str | None) -> bool:
    return value is not None and len(value) == CSRF_SECRET_LENGTH and value.isascii() and value.isalnum()


def csrf_cookie(secret: str) -> str:
    """The Set-Cookie value Django's CSRF middleware would send. Its expiry is
    to the second, so the value is made once a second around a stand-in secret."""
    second = int(time.time())
    if _cookie["second"] != second:
        _cookie.update(second=second, around=_django_csrf_cookie(_STAND_IN).split(_STAND_IN))
    before, after = _cookie["around"]
    return before + secret + after


_STAND_IN = "S" * CSRF_SECRET_LENGTH
_cookie = {"second": None, "around": None}


def _django_csrf_cookie(secret: str) -> str:
    """The same call as Django's CSRF middleware makes."""
    carrier = HttpResponse()
    carrier.set_cookie(
        settings.CSRF_COOKIE_NAME,
        secret,
        max_age=settings.CSRF_COOKIE_AGE,
        domain=settings.CSRF_COOKIE_DOMAIN,
        path=settings.CSRF_COOKIE_PATH,
        secure=settings.CSRF_COOKIE_SECURE,
        httponly=settings.CSRF_COOKIE_HTTPONLY,
        samesite=settings.CSRF_COOKIE_SAMESITE,
    )
    return carrier.cookies[settings.CSRF_COOKIE_NAME].OutputString()


class FrontDoor:
    def __init__(self, application):
        self.application = application
        self._cookies_unchanged = import_string(settings.PAGE_CACHE_COOKIES_UNCHANGED)

    def __call__(self, environ, start_response):
        answer = self.kept_page(environ)
        if answer is None:
            return self.application(environ, start_response)
        status, headers, body = answer
        start_response(status, headers)
        return [body]

    def kept_page(self, environ) -> tuple[str, list, bytes] | None:
        if not settings.PAGE_CACHE_ENABLED or settings.CSRF_USE_SESSIONS:
            return None
        cookies = parse_cookie(environ.get("HTTP_COOKIE", ""))
        key = request_key(environ, cookies)
        if key is None:
            return None
        environ[KEY] = key  # Django's side of the page cache need not work it out again
        if not self._cookies_unchanged(cookies):
            return None
        secret = cookies.get(settings.CSRF_COOKIE_NAME)
        if secret is not None and not _plain_secret(secret):
            return None
        if not invalidation.current():
            return None
        entry = pages.get(key)
        if entry is None:
            environ[MISSED] = True  # nor look it up again
            return None
        # The visitor's own values, in a dict of their own (the environ stays as it came).
        meta = {"CSRF_COOKIE": secret} if secret else {}
        body, encoding = entry.answer(meta, environ.get("HTTP_ACCEPT_ENCODING", ""))
        headers = [*entry.headers.items(), *encoding, ("Content-Length", str(len(body))), ("X-Page-Cache", "hit")]
        if meta.get("CSRF_COOKIE_NEEDS_UPDATE"):
            headers.append(("Set-Cookie", csrf_cookie(meta["CSRF_COOKIE"])))
        return entry.status_line, headers, body
