"""Migration 0002 carries the old single reminder, the waiting list's order and
each evening's venue over to the new models."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("positive_action", "0001_initial")]
AFTER = [("positive_action", "0002_evening_venues_queue_reminders_history")]


@pytest.mark.django_db(transaction=True)
def test_old_reminders_queue_order_and_venues_carry_over(monkeypatch):
    monkeypatch.setenv("PAP_REMINDER_LEAD_HOURS", "48")
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Evening = old.get_model("positive_action", "PreparationEvening")
    Booking = old.get_model("positive_action", "Booking")
    start = timezone.now() + timedelta(days=5)
    evening = Evening.objects.create(
        starts_at=start, ends_at=start + timedelta(hours=2), venue="HQ", address="1 High Street", covers="-", capacity=1
    )
    joined = timezone.now() - timedelta(days=2)
    common = {"evening": evening, "email": "a@example.com", "created_at": joined}
    reminded = Booking.objects.create(
        **common, link_key="k1", name="A", candidate_reference="ABC000001", status="confirmed", reminder_sent_at=joined
    )
    waiting = Booking.objects.create(
        **common, link_key="k2", name="B", candidate_reference="ABC000002", status="waiting"
    )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    Reminder = new.get_model("positive_action", "BookingReminder")
    NewBooking = new.get_model("positive_action", "Booking")
    assert list(Reminder.objects.values_list("booking_id", "days_before")) == [(reminded.pk, 2)]
    assert NewBooking.objects.get(pk=waiting.pk).queued_at == joined
    venue = new.get_model("positive_action", "PreparationEvening").objects.get(pk=evening.pk).location
    assert (venue.name, venue.address) == ("HQ", "1 High Street")

    MigrationExecutor(connection).migrate(executor.loader.graph.leaf_nodes("positive_action"))
