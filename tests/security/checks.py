"""Helpers shared by the fuzz and abuse tests: what a submission changed, and
the app bugs the fuzzing found that are still open."""

from urllib.parse import urlsplit

import pytest

from outbox.models import Notification

from .public_forms import PublicForm

# App bugs the fuzzing found are fixed and kept fixed by regression tests in
# test_request_abuse.py. While a newly found bug is open, list what it affects
# here (and pin it with a strict xfail) so the fuzzing keeps checking the rest.
NUL_TOKEN_BUG: set[str] = set()
BARE_NEXT_BUG: set[str] = set()
NUL_BOOKING_TOKEN_BUG: set[str] = set()
BOOKING_LINKS = [
    "positive_action:booking_manage",
    "positive_action:booking_cancel",
    "positive_action:booking_accept",
    "positive_action:booking_calendar",
]


def last(value):
    """What request.POST.get() gives for a field sent as `value`."""
    if isinstance(value, list):
        return value[-1] if value else None
    return value


def known_bug(form: PublicForm, data: dict) -> bool:
    token = data.get("form_token", "")
    if form.name in NUL_TOKEN_BUG and any("\x00" in str(v) for v in (token if isinstance(token, list) else [token])):
        return True  # looked up in PostgreSQL before validation: ValueError, a 500
    target = last(data.get("next"))
    # A "next" with no slash or dot is passed to redirect(), which takes it for a URL name: NoReverseMatch, a 500.
    return form.name in BARE_NEXT_BUG and bool(target) and "/" not in target and "." not in target


def snapshot(form: PublicForm) -> tuple[int | None, int]:
    last = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    return (form.records() if form.records else None), last


def changes(form: PublicForm, before: tuple[int | None, int]) -> tuple[int, list[Notification]]:
    records_before, last = before
    stored = form.records() - records_before if form.records else 0
    return stored, list(Notification.objects.filter(pk__gt=last))


def assert_no_server_error(responses):
    for response in responses:
        assert response.status_code < 500, (response.status_code, response.content.decode()[:500])
        location = response.get("Location", "")
        if location:
            parts = urlsplit(location.replace("\\", "/"))
            assert parts.netloc in ("", "testserver") and not location.startswith(("//", "/\\")), location


def by_name(forms_list):
    return pytest.mark.parametrize("form", forms_list, ids=str)
