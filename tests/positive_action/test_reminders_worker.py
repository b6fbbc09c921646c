"""Reminders on a real Celery worker on Redis, with the clock moved forward:
beat running the task twice, and a worker killed in the middle of sending."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from outbox.models import Notification
from positive_action.models import BookingReminder
from tests.conftest import wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def all_sent(kind="positive_action.reminder"):
    rows = Notification.objects.filter(kind=kind)
    return rows.exists() and not rows.exclude(state=Notification.State.SENT).exists()


def test_seven_and_one_day_reminders_go_exactly_once_with_a_worker_killed_mid_send(
    make_evening, book, settings, redis_url, use_broker, celery_worker_factory
):
    settings.PAP_REMINDER_DAYS = "7,1"
    start = timezone.now()
    evening = make_evening(capacity=3, starts_at=start + timedelta(days=10))
    bookings = [book(evening, n) for n in range(1, 4)]  # confirmations go inline, before the broker
    from outbox.tasks import notification_send, notifications_sweep
    from positive_action.tasks import reminders_send

    use_broker(redis_url)
    slow = celery_worker_factory(
        redis_url, EMAIL_BACKEND="tests.email_backends.SlowFileBackend", PAP_REMINDER_DAYS="7,1"
    )
    slow.start()
    seven_days_before = (start + timedelta(days=3, hours=1)).isoformat()
    reminders_send.delay(now=seven_days_before)
    reminders_send.delay(now=seven_days_before)  # beat twice
    wait_until(
        lambda: Notification.objects.filter(kind="positive_action.reminder", state="sending").exists(),
        timeout=40,
        message="the worker to start sending the reminders",
    )
    slow.stop(kill=True)  # SIGKILL in the middle of the send
    assert BookingReminder.objects.filter(days_before=7).count() == 3
    assert Notification.objects.filter(kind="positive_action.reminder").count() == 3
    assert slow.emails() == []

    replacement = celery_worker_factory(redis_url, NOTIFICATION_CLAIM_TIMEOUT_SECONDS="1", PAP_REMINDER_DAYS="7,1")
    replacement.start()
    time.sleep(1.5)
    reminders_send.delay(now=seven_days_before)  # beat again, after the death: nothing new to claim
    notifications_sweep.delay()
    wait_until(all_sent, timeout=40, message="the replacement worker to send the 7-day reminders")

    one_day_before = (start + timedelta(days=9, hours=1)).isoformat()
    reminders_send.delay(now=one_day_before)
    reminders_send.delay(now=one_day_before)
    wait_until(
        lambda: BookingReminder.objects.filter(days_before=1).count() == 3 and all_sent(),
        timeout=40,
        message="the 1-day reminders",
    )
    for message in Notification.objects.filter(kind="positive_action.reminder"):
        notification_send.delay(message.pk)  # a redelivered task finds the row sent
    notifications_sweep.delay()
    time.sleep(3)

    reminders = Notification.objects.filter(kind="positive_action.reminder")
    assert reminders.count() == 6
    for booking in bookings:
        kinds = sorted(BookingReminder.objects.filter(booking=booking).values_list("days_before", flat=True))
        assert kinds == [1, 7]
        assert reminders.filter(recipient=booking.email).count() == 2
    emails = replacement.emails()
    for reminder in reminders:
        assert sum(reminder.message_id in message for message in emails) == 1, reminder.subject
