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


def analytics_cookie_change(cookies: dict) -> str | None:
    """ "set" when the person accepted the visit-counting cookie and has none yet,
    "delete" when they have one without having accepted it, otherwise None."""
    if not settings.ANALYTICS_ENABLED:
        return None
    accepted = ANSWERS.get(cookies.get(settings.COOKIE_CONSENT_NAME, ""), False)
    present = settings.ANALYTICS_COOKIE_NAME in cookies
    if accepted and not present:
        return "set"
    if present and not accepted:
        return "delete"
    return None


def cookies_unchanged(cookies: dict) -> bool:
    """Whether an answer to these cookies leaves the visit-counting cookie as it is
    (the page cache's front door answers only those; the rest go through the site)."""
    return analytics_cookie_change(cookies) is None


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
