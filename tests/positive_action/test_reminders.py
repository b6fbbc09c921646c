"""Reminders PAP_REMINDER_DAYS before each evening, each exactly once, with time moved forward."""

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

import private_links
from outbox.models import Notification
from positive_action.models import BookingReminder
from positive_action.services import booking_cancel, reminders_send
from positive_action.services import bookings as booking_services
from tests.positive_action.test_concurrency import postgres_only, run_together


@pytest.fixture
def booked_ten_days_ahead(make_evening, book, settings):
    settings.PAP_REMINDER_DAYS = "7,1"
    evening = make_evening(capacity=3, starts_at=timezone.now() + timedelta(days=10))
    return evening, book(evening, 1)


def reminders():
    return list(Notification.objects.filter(kind="positive_action.reminder").order_by("pk"))


def test_seven_day_and_one_day_reminders_each_go_exactly_once(booked_ten_days_ahead):
    evening, booking = booked_ten_days_ahead
    start = timezone.now()
    assert reminders_send(now=start) == 0  # ten days out
    seven_days_before = start + timedelta(days=3, hours=1)
    assert reminders_send(now=seven_days_before) == 1
    assert reminders_send(now=seven_days_before) == 0  # beat ran twice
    assert reminders_send(now=start + timedelta(days=5)) == 0  # between the two
    one_day_before = start + timedelta(days=9, hours=1)
    assert reminders_send(now=one_day_before) == 1
    assert reminders_send(now=one_day_before + timedelta(hours=12)) == 0
    assert reminders_send(now=evening.starts_at + timedelta(hours=1)) == 0  # it has started
    assert sorted(BookingReminder.objects.values_list("days_before", flat=True)) == [1, 7]
    first, second = reminders()
    assert first.recipient == second.recipient == booking.email
    body, _html, _headers = private_links.fill(second)
    assert f"/positive-action/bookings/{booking.token}/cancel/" in body
    assert f"/positive-action/bookings/{booking.token}/calendar.ics" in body
    assert "Positive Action" not in first.subject and first.subject.startswith("Reminder: your appointment with")


def test_a_reminder_missed_while_beat_was_down_is_not_sent_on_top_of_the_next(booked_ten_days_ahead):
    _, booking = booked_ten_days_ahead
    assert reminders_send(now=timezone.now() + timedelta(days=9, hours=2)) == 1
    assert list(BookingReminder.objects.values_list("days_before", flat=True)) == [1]
    assert reminders_send(now=timezone.now() + timedelta(days=9, hours=3)) == 0


def test_a_booking_made_after_a_reminder_moment_skips_that_reminder(make_evening, book, settings):
    settings.PAP_REMINDER_DAYS = "7,1"
    evening = make_evening(starts_at=timezone.now() + timedelta(days=3))
    book(evening, 1)
    assert reminders_send(now=timezone.now() + timedelta(hours=1)) == 0  # its confirmation just went
    assert reminders_send(now=timezone.now() + timedelta(days=2, hours=1)) == 1
    assert list(BookingReminder.objects.values_list("days_before", flat=True)) == [1]


def test_cancelled_and_waiting_bookings_get_no_reminder(make_evening, book, settings):
    settings.PAP_REMINDER_DAYS = "7,1"
    evening = make_evening(capacity=1, starts_at=timezone.now() + timedelta(days=10))
    first = book(evening, 1)
    book(evening, 2, join_waiting_list=True)
    booking_cancel(booking=first)  # the place is offered to the second, not yet accepted
    assert reminders_send(now=timezone.now() + timedelta(days=3, hours=1)) == 0


def test_a_run_that_dies_before_committing_leaves_the_reminder_for_the_next_run(booked_ten_days_ahead):
    later = timezone.now() + timedelta(days=3, hours=1)
    with mock.patch.object(booking_services, "_notify", side_effect=RuntimeError("worker died")):
        with pytest.raises(RuntimeError):
            reminders_send(now=later)
    assert not BookingReminder.objects.exists() and reminders() == []  # the claim went with the email
    assert reminders_send(now=later) == 1
    assert len(reminders()) == 1


def test_a_reminder_claimed_by_another_run_is_not_sent_again(booked_ten_days_ahead):
    _, booking = booked_ten_days_ahead
    BookingReminder.objects.create(booking=booking, days_before=7)
    assert reminders_send(now=timezone.now() + timedelta(days=3, hours=1)) == 0
    assert reminders() == []


@pytest.mark.django_db(transaction=True)
def test_overlapping_runs_send_each_reminder_once(make_evening, settings):
    postgres_only()
    from positive_action.services import booking_create

    settings.PAP_REMINDER_DAYS = "7,1"
    evening = make_evening(capacity=5, starts_at=timezone.now() + timedelta(days=10))
    for n in range(5):
        booking_create(evening=evening, name=f"C{n}", email=f"c{n}@example.com", candidate_reference=f"ABC{n:06d}")
    later = timezone.now() + timedelta(days=3, hours=1)
    results = run_together(lambda n: reminders_send(now=later), 6)
    assert sum(results) == 5, results
    assert Notification.objects.filter(kind="positive_action.reminder").count() == 5
    assert BookingReminder.objects.count() == 5


def test_one_reminder_from_the_old_lead_hours_setting(make_evening, book, settings, monkeypatch):
    """PAP_REMINDER_LEAD_HOURS alone still gives its one reminder (read as whole days)."""
    import importlib

    import engagement_site.settings as site_settings

    monkeypatch.delenv("PAP_REMINDER_DAYS", raising=False)
    monkeypatch.setenv("PAP_REMINDER_LEAD_HOURS", "48")
    assert importlib.reload(site_settings).PAP_REMINDER_DAYS == "2"
    monkeypatch.delenv("PAP_REMINDER_LEAD_HOURS")
    assert importlib.reload(site_settings).PAP_REMINDER_DAYS == "7,1"
    settings.PAP_REMINDER_DAYS = "2"
    evening = make_evening(starts_at=timezone.now() + timedelta(days=5))
    book(evening, 1)
    assert reminders_send(now=timezone.now() + timedelta(days=3, hours=1)) == 1
    assert reminders_send(now=timezone.now() + timedelta(days=4, hours=1)) == 0


def test_the_task_takes_a_moved_clock(booked_ten_days_ahead):
    from positive_action.tasks import reminders_send as task

    assert task.delay().get() == 0
    later = (timezone.now() + timedelta(days=3, hours=1)).isoformat()
    assert task.delay(now=later).get() == 1
    assert task.delay(now=later).get() == 0
