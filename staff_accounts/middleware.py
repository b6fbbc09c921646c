"""Staff sessions end after SESSION_IDLE_TIMEOUT seconds without a request to
admin, and SESSION_ABSOLUTE_TIMEOUT seconds after sign-in, whatever happens.

Only admin requests that carry a session cookie are looked at, so public pages
cost nothing extra. The last-seen time is written at most once a minute."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.utils.module_loading import import_string


class StaffAreaMiddleware:
    """Runs settings.STAFF_AREA_MIDDLEWARE, in order, for requests to the staff
    area (ADMIN_URL_PREFIX) and skips it for every public page."""

    def __init__(self, get_response):
        self.get_response = get_response
        staff_chain = get_response
        for path in reversed(settings.STAFF_AREA_MIDDLEWARE):
            staff_chain = import_string(path)(staff_chain)
        self.staff_chain = staff_chain

    def __call__(self, request):
        if request.path.startswith(settings.ADMIN_URL_PREFIX):
            return self.staff_chain(request)
        return self.get_response(request)


STARTED = "auth_started_at"
SEEN = "auth_seen_at"
WRITE_EVERY = 60


class StaffSessionExpiryMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(settings.ADMIN_URL_PREFIX) and settings.SESSION_COOKIE_NAME in request.COOKIES:
            self.check(request)
        return self.get_response(request)

    @staticmethod
    def check(request):
        session = request.session
        if not session.get("_auth_user_id"):
            return
        now = int(time.time())
        started, seen = session.get(STARTED), session.get(SEEN)
        if started is None or seen is None:
            session[STARTED] = started or now
            session[SEEN] = now
            return
        idle = settings.SESSION_IDLE_TIMEOUT
        absolute = settings.SESSION_ABSOLUTE_TIMEOUT
        if now - seen > idle or now - started > absolute:
            logout(request)  # flushes the session; admin then asks for a new sign-in
            return
        if now - seen >= WRITE_EVERY:
            session[SEEN] = now


def session_started(sender, request, user, **kwargs):
    """At sign-in: start both clocks."""
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[STARTED] = now
        request.session[SEEN] = now
