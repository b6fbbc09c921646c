from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

import private_links
from outbox.models import Notification
from positive_action.models import Booking
from positive_action.services import (
    booking_accept_offer,
    booking_cancel,
    evening_cancel,
    offers_expire,
)


@pytest.fixture
def full_evening(make_evening, book):
    evening = make_evening(capacity=1)
    first = book(evening, 1)
    second = book(evening, 2, join_waiting_list=True)
    third = book(evening, 3, join_waiting_list=True)
    return evening, first, second, third


def statuses(*bookings):
    return [Booking.objects.get(pk=b.pk).status for b in bookings]


def test_cancelling_offers_the_place_to_the_first_person_waiting(full_evening, settings):
    settings.PAP_OFFER_HOURS = 24
    evening, first, second, third = full_evening
    assert booking_cancel(booking=first) is True
    assert statuses(first, second, third) == ["cancelled", "offered", "waiting"]
    evening.refresh_from_db()
    assert evening.booked == 1  # the place is held for the offer
    offer = Notification.objects.get(kind="positive_action.offer")
    assert offer.recipient == "candidate2@example.com" and second.token in private_links.fill(offer)[0]
    second.refresh_from_db()
    assert timedelta(hours=23) < second.offer_expires_at - timezone.now() <= timedelta(hours=24)


def test_cancelling_twice_changes_nothing(full_evening):
    evening, first, second, _ = full_evening
    booking_cancel(booking=first)
    first.refresh_from_db()
    assert booking_cancel(booking=first) is False
    assert Notification.objects.filter(kind="positive_action.offer").count() == 1


def test_accepting_an_offer_confirms_the_place(full_evening):
    evening, first, second, _ = full_evening
    booking_cancel(booking=first)
    booking_accept_offer(booking=second)
    assert statuses(second) == ["confirmed"]
    evening.refresh_from_db()
    assert evening.booked == 1


def test_lapsed_offer_passes_to_the_next_person_and_cannot_be_accepted(full_evening, settings):
    settings.PAP_OFFER_HOURS = 24
    evening, first, second, third = full_evening
    booking_cancel(booking=first)
    assert offers_expire(now=timezone.now() + timedelta(hours=1)) == 0  # not yet
    assert offers_expire(now=timezone.now() + timedelta(hours=25)) == 1
    assert statuses(second, third) == ["expired", "offered"]
    with pytest.raises(ValidationError):
        booking_accept_offer(booking=second)
    assert Notification.objects.filter(
        kind="positive_action.offer_expired", recipient="candidate2@example.com"
    ).exists()
    assert offers_expire(now=timezone.now() + timedelta(hours=25)) == 0  # the new offer is fresh


def test_place_is_released_when_nobody_is_waiting(make_evening, book):
    evening = make_evening(capacity=1)
    booking = book(evening, 1)
    booking_cancel(booking=booking)
    evening.refresh_from_db()
    assert evening.booked == 0 and evening.places_left == 1


def test_leaving_the_waiting_list_keeps_the_count(full_evening):
    evening, _, second, _ = full_evening
    booking_cancel(booking=second)
    evening.refresh_from_db()
    assert evening.booked == 1 and statuses(second) == ["cancelled"]


def test_cancelling_an_evening_emails_everyone_booked_or_waiting(full_evening):
    evening, first, second, third = full_evening
    assert evening_cancel(evening=evening) == 3
    assert statuses(first, second, third) == ["cancelled"] * 3
    recipients = set(
        Notification.objects.filter(kind="positive_action.evening_cancelled").values_list("recipient", flat=True)
    )
    assert recipients == {"candidate1@example.com", "candidate2@example.com", "candidate3@example.com"}
    assert evening_cancel(evening=evening) == 0  # once only


def test_admin_cancel_action_and_attendee_export(admin_client, full_evening):
    from django.urls import reverse

    evening, first, *_ = full_evening
    url = reverse("admin:positive_action_preparationevening_changelist")
    Booking.objects.filter(pk=first.pk).update(name="=HYPERLINK(1)")
    response = admin_client.post(url, {"action": "export_attendees", "_selected_action": [evening.pk]})
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/csv")
    assert "'=HYPERLINK(1)" in body and "candidate2@example.com" not in body  # only confirmed places
    admin_client.post(url, {"action": "cancel_evenings", "_selected_action": [evening.pk]})
    evening.refresh_from_db()
    assert evening.status == "cancelled"


def test_admin_marks_attendance(admin_client, full_evening):
    from django.urls import reverse

    _, first, second, _ = full_evening
    url = reverse("admin:positive_action_booking_changelist")
    admin_client.post(url, {"action": "mark_attended", "_selected_action": [first.pk, second.pk]})
    assert Booking.objects.get(pk=first.pk).attended is True
    assert Booking.objects.get(pk=second.pk).attended is None  # not booked, so not marked
