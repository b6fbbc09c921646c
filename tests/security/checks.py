"""Helpers shared by the fuzz and abuse tests: what a submission changed, and
that no response was a server error or an open redirect."""

from urllib.parse import urlsplit

import pytest

from outbox.models import Notification

from .public_forms import PublicForm

BOOKING_LINKS = [
    "positive_action:booking_manage",
    "positive_action:booking_cancel",
    "positive_action:booking_accept",
    "positive_action:booking_calendar",
]


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
