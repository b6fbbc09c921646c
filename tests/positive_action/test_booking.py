import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

import private_links
from outbox.models import Notification
from positive_action.models import Booking, PreparationEvening
from positive_action.services import EveningFull


def test_booking_takes_a_place_and_queues_a_confirmation(make_evening, book):
    evening = make_evening(capacity=2)
    booking = book(evening, 1)
    evening.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED and evening.booked == 1 and evening.places_left == 1
    email = Notification.objects.get(kind="positive_action.confirmed")
    assert email.recipient == "candidate1@example.com"
    sent, _html, _headers = private_links.fill(email)  # the stored body holds a placeholder, never the token
    assert booking.token not in email.body_text
    assert f"/positive-action/bookings/{booking.token}/calendar.ics" in sent
    assert f"/positive-action/bookings/{booking.token}/" in sent


def test_full_evening_refuses_a_place_unless_the_person_joins_the_waiting_list(make_evening, book):
    evening = make_evening(capacity=1)
    book(evening, 1)
    with pytest.raises(EveningFull):
        book(evening, 2)
    assert not Booking.objects.filter(candidate_reference="ABC000002").exists()
    waiting = book(evening, 2, join_waiting_list=True)
    evening.refresh_from_db()
    assert waiting.status == Booking.Status.WAITING and evening.booked == 1
    assert Notification.objects.filter(kind="positive_action.waiting", recipient="candidate2@example.com").exists()


def test_same_candidate_cannot_book_the_same_evening_twice(make_evening, book):
    evening = make_evening(capacity=5)
    book(evening, 1)
    with pytest.raises(ValidationError, match="already has a place"):
        book(evening, 1)
    evening.refresh_from_db()
    assert evening.booked == 1 and Booking.objects.count() == 1


def test_unique_constraint_backs_up_one_booking_per_candidate(make_evening, book):
    evening = make_evening(capacity=5)
    first = book(evening, 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(
            evening=evening,
            name="x",
            email="x@example.com",
            candidate_reference=first.candidate_reference,
            status="waiting",
        )


def test_check_constraint_backs_up_capacity(make_evening):
    evening = make_evening(capacity=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        PreparationEvening.objects.filter(pk=evening.pk).update(booked=2)


def test_closed_or_cancelled_evening_takes_no_bookings(make_evening, book):
    for status in ("closed", "cancelled"):
        evening = make_evening(status=status)
        with pytest.raises(ValidationError, match="no longer taking bookings"):
            book(evening, 1)
    assert not Booking.objects.exists()


def test_sequential_bookings_never_pass_capacity(make_evening, book):
    """The path SQLite relies on: the conditional UPDATE alone keeps the count right."""
    evening = make_evening(capacity=3)
    outcomes = []
    for n in range(8):
        try:
            book(evening, n)
            outcomes.append("booked")
        except EveningFull:
            outcomes.append("full")
    evening.refresh_from_db()
    assert outcomes.count("booked") == 3 and evening.booked == 3
    assert Booking.objects.filter(status="confirmed").count() == 3
