"""Cookie consent: what the person chose, read from the essential
`cookies_policy` cookie ("analytics:yes" or "analytics:no", characters that
need no quoting in a cookie). Nothing non-essential is set until they accept."""

from django.conf import settings

ANSWERS = {"analytics:yes": True, "analytics:no": False}


def read_choice(request) -> dict | None:
    """{"analytics": bool} once the person has chosen, otherwise None."""
    raw = request.COOKIES.get(settings.COOKIE_CONSENT_NAME, "")
    if raw not in ANSWERS:
        return None
    return {"analytics": ANSWERS[raw]}


def write_choice(response, *, analytics: bool) -> None:
    response.set_cookie(
        settings.COOKIE_CONSENT_NAME,
        "analytics:yes" if analytics else "analytics:no",
        max_age=settings.COOKIE_CONSENT_MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    if not analytics:
        response.delete_cookie(settings.ANALYTICS_COOKIE_NAME, samesite="Lax")


def banner_needed(request) -> bool:
    """The banner shows while any non-essential cookie is configured and no choice is made."""
    return settings.ANALYTICS_ENABLED and read_choice(request) is None
