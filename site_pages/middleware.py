import secrets

from django.conf import settings

from site_pages.consent import read_choice
from site_pages.inline_scripts import script_hashes


class SecurityHeadersMiddleware:
    """Headers Django does not set itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Read by django-csp's middleware, which sits outside this one.
        update = getattr(response, "_csp_update", None) or {}
        response._csp_update = {**update, "script-src": [*update.get("script-src", []), *script_hashes()]}
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()")
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        # Anything shown to a signed-in member of staff, or marked private by its
        # view, must never sit in a shared or browser cache.
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            response["Cache-Control"] = "no-store"
        return response


class CookieConsentMiddleware:
    """Sets the demo's one non-essential cookie, an anonymous first-party visit
    measure, only for people who accepted it; removes it if they did not."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not settings.ANALYTICS_ENABLED or getattr(response, "consent_handled", False):
            return response
        choice = read_choice(request)
        name = settings.ANALYTICS_COOKIE_NAME
        if choice and choice["analytics"]:
            if name not in request.COOKIES:
                response.set_cookie(
                    name,
                    secrets.token_hex(8),
                    max_age=settings.COOKIE_CONSENT_MAX_AGE,
                    secure=settings.SESSION_COOKIE_SECURE,
                    httponly=True,
                    samesite="Lax",
                )
        elif name in request.COOKIES:
            response.delete_cookie(name, samesite="Lax")
        return response
