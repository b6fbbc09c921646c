import functools
import secrets

from csp.utils import build_policy
from django.conf import settings

from site_pages.consent import analytics_cookie_change
from site_pages.inline_scripts import script_hashes


@functools.cache
def content_security_policy() -> str:
    """The enforced policy: the settings' directives plus the hashes of the fixed
    inline scripts. No nonce, so it is the same for every response and is built
    once per process (django-csp's middleware rebuilt it on every response, a
    quarter of the time of the site's cheapest view)."""
    return build_policy(update={"script-src": list(script_hashes())})


class SecurityHeadersMiddleware:
    """Headers Django does not set itself, the Content-Security-Policy included."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", content_security_policy())
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()")
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        # Anything shown to a signed-in member of staff must never sit in a shared
        # or browser cache. Signed-in means a session cookie: without one, the
        # user is not looked up at all (most public requests).
        signed_in_possible = settings.SESSION_COOKIE_NAME in request.COOKIES
        if signed_in_possible and getattr(request, "user", None) is not None and request.user.is_authenticated:
            response["Cache-Control"] = "no-store"
        return response


class CookieConsentMiddleware:
    """Sets the demo's one non-essential cookie, an anonymous first-party visit
    measure, only for people who accepted it; removes it if they did not."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(response, "consent_handled", False):
            return response
        change = analytics_cookie_change(request.COOKIES)
        name = settings.ANALYTICS_COOKIE_NAME
        if change == "set":
            response.set_cookie(
                name,
                secrets.token_hex(8),
                max_age=settings.COOKIE_CONSENT_MAX_AGE,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        elif change == "delete":
            response.delete_cookie(name, samesite="Lax")
        return response
