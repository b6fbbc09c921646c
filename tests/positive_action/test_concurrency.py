import threading

import pytest
from django.db import connection, transaction

from outbox.models import Notification
from positive_action.models import Booking, PreparationEvening, Signup
from positive_action.services import EveningFull, booking_create, booking_receive, buddy_assign
from tests.factories import BuddyFactory, RoleFactory

THREADS = 12


def run_together(target, count):
    barrier = threading.Barrier(count)
    results = []

    def worker(n):
        try:
            barrier.wait(timeout=10)
            results.append(target(n))
        except Exception as exc:  # noqa: BLE001 - record every outcome
            results.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


def postgres_only():
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; the sequential tests cover it")


@pytest.mark.django_db(transaction=True)
def test_many_concurrent_bookings_for_the_last_places_never_overbook(make_evening):
    postgres_only()
    evening = make_evening(capacity=3)

    def attempt(n):
        return booking_create(
            evening=evening, name=f"C{n}", email=f"c{n}@example.com", candidate_reference=f"ABC{n:06d}"
        ).status

    results = run_together(attempt, THREADS)
    assert len(results) == THREADS
    assert results.count("confirmed") == 3
    assert sum(isinstance(r, EveningFull) for r in results) == THREADS - 3
    assert PreparationEvening.objects.get(pk=evening.pk).booked == 3
    assert Booking.objects.filter(evening=evening, status="confirmed").count() == 3


@pytest.mark.django_db(transaction=True)
def test_two_staff_assigning_the_last_buddy_place_at_once_never_overfill():
    postgres_only()
    buddy = BuddyFactory(capacity=2)
    role = RoleFactory()
    signups = [
        Signup.objects.create(
            candidate_reference=f"XYZ{n:06d}",
            name=f"S{n}",
            email=f"s{n}@example.com",
            phone="07700900982",
            role=role,
            stage="shortlisted",
            wants_buddy=True,
            consented_at="2024-01-01T00:00Z",
        )
        for n in range(6)
    ]

    def attempt(n):
        return buddy_assign(signup=signups[n], buddy=buddy).pk

    results = run_together(attempt, len(signups))
    buddy.refresh_from_db()
    assert buddy.assigned == 2
    assert sum(isinstance(r, int) for r in results) == 2
    assert buddy.assignments.filter(ended_at__isnull=True).count() == 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("full", [False, True], ids=["a place", "the waiting list"])
def test_the_same_reference_asking_many_times_at_once_gets_one_booking_and_the_rest_are_emailed(
    make_evening, book, full
):
    """As the public form calls it: each request in its own transaction. The
    checks and the unique constraint both turn a duplicate into an email."""
    postgres_only()
    evening = make_evening(capacity=1 if full else 5)
    if full:
        book(evening, 99)

    def attempt(n):
        with transaction.atomic():
            booking_receive(
                evening=evening,
                name=f"C{n}",
                email=f"c{n}@example.com",
                candidate_reference="ABC000001",
                join_waiting_list=full,
            )
        return "accepted"

    results = run_together(attempt, THREADS)
    assert results == ["accepted"] * THREADS
    [booking] = Booking.objects.filter(evening=evening, candidate_reference="ABC000001")
    assert booking.status == ("waiting" if full else "confirmed")
    assert PreparationEvening.objects.get(pk=evening.pk).booked == 1
    told = Notification.objects.filter(about_id=str(booking.pk))
    assert sorted(told.values_list("kind", flat=True)) == sorted(
        [f"positive_action.{booking.status}"] + ["positive_action.booking_requested_again"] * (THREADS - 1)
    )
    assert set(told.values_list("recipient", flat=True)) == {booking.email}


def places_held(evening) -> int:
    return Booking.objects.filter(evening=evening, status__in=["confirmed", "offered"]).count()


@pytest.mark.django_db(transaction=True)
def test_lowering_capacity_while_people_book_never_leaves_more_taken_than_places(make_evening):
    """The capacity change locks the evening's row; the bookings' conditional
    UPDATEs and the check constraint do the rest, whichever runs first."""
    postgres_only()
    from django.core.exceptions import ValidationError

    from positive_action.services import evening_capacity_change

    evening = make_evening(capacity=8)

    def attempt(n):
        if n == 0:
            try:
                evening_capacity_change(evening=PreparationEvening.objects.get(pk=evening.pk), capacity=3)
                return "lowered"
            except ValidationError:
                return "refused"
        return booking_create(
            evening=evening, name=f"C{n}", email=f"c{n}@example.com", candidate_reference=f"ABC{n:06d}"
        ).status

    results = run_together(attempt, THREADS)
    evening.refresh_from_db()
    assert ("lowered" in results) != ("refused" in results), results
    assert evening.booked == places_held(evening) <= evening.capacity
    if "lowered" in results:
        assert evening.capacity == 3 and evening.booked == 3
    else:
        assert evening.capacity == 8 and evening.booked == 8


@pytest.mark.django_db(transaction=True)
def test_raising_capacity_while_people_join_and_leave_the_queue_offers_each_place_once(make_evening):
    postgres_only()
    from positive_action.services import booking_cancel, evening_capacity_change

    evening = make_evening(capacity=2)
    for n in range(1, 9):
        booking_create(
            evening=evening,
            name=f"C{n}",
            email=f"c{n}@example.com",
            candidate_reference=f"ABC{n:06d}",
            join_waiting_list=True,
        )

    def attempt(n):
        if n == 0:
            return len(evening_capacity_change(evening=PreparationEvening.objects.get(pk=evening.pk), capacity=6))
        if n in (1, 2):  # the two with places cancel: each place goes to the next waiting
            return booking_cancel(booking=Booking.objects.get(candidate_reference=f"ABC{n:06d}"))
        if n in (3, 4):  # two waiting leave the list
            return booking_cancel(booking=Booking.objects.get(candidate_reference=f"ABC{n:06d}"))
        return booking_create(
            evening=evening,
            name=f"New {n}",
            email=f"new{n}@example.com",
            candidate_reference=f"NEW{n:06d}",
            join_waiting_list=True,
        ).status

    results = run_together(attempt, THREADS)
    assert not [r for r in results if isinstance(r, Exception)], results
    evening.refresh_from_db()
    assert evening.capacity == 6
    assert evening.booked == places_held(evening) <= 6
    waiting = Booking.objects.filter(evening=evening, status="waiting").count()
    assert evening.booked == 6 or waiting == 0  # a free place is never left while someone waits
    offers = Notification.objects.filter(kind="positive_action.offer")
    assert offers.count() == len(set(offers.values_list("about_id", flat=True)))  # nobody offered twice
