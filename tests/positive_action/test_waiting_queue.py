"""The waiting list: place in the queue, leaving it, capacity changes and staff overrides."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from outbox.models import Notification
from positive_action.models import Booking, EveningEvent, PreparationEvening
from positive_action.services import (
    booking_cancel,
    booking_move_up,
    booking_offer_by_hand,
    evening_capacity_change,
)


@pytest.fixture
def queue(make_evening, book):
    """An evening with its one place taken and four people waiting."""
    evening = make_evening(capacity=1)
    taken = book(evening, 1)
    waiting = [book(evening, n, join_waiting_list=True) for n in range(2, 6)]
    return evening, taken, waiting


def statuses(bookings):
    return [Booking.objects.get(pk=b.pk).status for b in bookings]


def test_each_person_waiting_knows_their_place(queue):
    _, _, waiting = queue
    assert [b.queue_position() for b in waiting] == [1, 2, 3, 4]
    booking_cancel(booking=waiting[1])
    assert [Booking.objects.get(pk=b.pk).queue_position() for b in waiting] == [1, None, 2, 3]


def test_the_private_link_shows_the_place_and_lets_them_leave(client, queue):
    evening, _, waiting = queue
    page = client.get(reverse("positive_action:booking_manage", args=[waiting[2].token]))
    assert "You are number 3 in the queue" in page.content.decode()
    assert "2 people are ahead of you" in page.content.decode()
    url = reverse("positive_action:booking_cancel", args=[waiting[2].token])
    assert "Yes, leave the waiting list" in client.get(url).content.decode()
    client.post(url)
    assert statuses(waiting) == ["waiting", "waiting", "cancelled", "waiting"]
    assert Booking.objects.get(pk=waiting[3].pk).queue_position() == 3
    evening.refresh_from_db()
    assert evening.booked == 1  # leaving the list frees no place


def test_the_booking_page_says_places_left_and_people_waiting(client, make_evening, book):
    evening = make_evening(capacity=3)
    book(evening, 1)
    page = client.get(reverse("positive_action:evening_book", args=[evening.pk])).content.decode()
    assert "2 places left." in page and "waiting for a place" not in page
    book(evening, 2)
    book(evening, 3)
    book(evening, 4, join_waiting_list=True)
    book(evening, 5, join_waiting_list=True)
    page = client.get(reverse("positive_action:evening_book", args=[evening.pk])).content.decode()
    assert "This evening is full and 2 people are waiting." in page


def test_raising_capacity_offers_the_new_places_in_order_at_once(queue, admin_user):
    evening, _, waiting = queue
    offered = evening_capacity_change(evening=evening, capacity=3, by=admin_user)
    assert [b.pk for b in offered] == [waiting[0].pk, waiting[1].pk]
    assert statuses(waiting) == ["offered", "offered", "waiting", "waiting"]
    assert evening.capacity == 3 and evening.booked == 3  # held for the two offers
    emails = Notification.objects.filter(kind="positive_action.offer").values_list("recipient", flat=True)
    assert sorted(emails) == ["candidate2@example.com", "candidate3@example.com"]
    actions = list(EveningEvent.objects.filter(evening=evening).values_list("action", "detail"))
    assert ("capacity", "1 → 3 places") in actions and [a for a, _ in actions].count("offered") == 2


def test_raising_capacity_beyond_the_queue_leaves_the_rest_free(make_evening, book):
    evening = make_evening(capacity=1)
    book(evening, 1)
    second = book(evening, 2, join_waiting_list=True)
    assert [b.pk for b in evening_capacity_change(evening=evening, capacity=4)] == [second.pk]
    assert evening.booked == 2 and evening.places_left == 2


def test_lowering_capacity_below_the_places_taken_is_refused(queue):
    evening, *_ = queue
    evening_capacity_change(evening=evening, capacity=3)
    with pytest.raises(ValidationError, match="cannot have fewer than 3 places"):
        evening_capacity_change(evening=evening, capacity=2)
    with pytest.raises(IntegrityError), transaction.atomic():  # the database refuses it too
        PreparationEvening.objects.filter(pk=evening.pk).update(capacity=2)
    assert PreparationEvening.objects.get(pk=evening.pk).capacity == 3
    evening_capacity_change(evening=evening, capacity=3)  # no change is fine


def change_form(evening, **changes) -> dict:
    data = {
        "title": evening.title,
        "starts_at_0": timezone.localtime(evening.starts_at).strftime("%Y-%m-%d"),
        "starts_at_1": timezone.localtime(evening.starts_at).strftime("%H:%M:%S"),
        "ends_at_0": timezone.localtime(evening.ends_at).strftime("%Y-%m-%d"),
        "ends_at_1": timezone.localtime(evening.ends_at).strftime("%H:%M:%S"),
        "status": evening.status,
        "capacity": evening.capacity,
        "covers": evening.covers,
        "mode": evening.mode,
        "venue": evening.venue,
        "address": evening.address,
        "location": "",
        "joining_instructions": "",
        "_save": "Save",
    }
    for prefix in ("bookings", "events"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    return {**data, **changes}


def test_admin_refuses_fewer_places_than_taken_with_a_clear_message(admin_client, queue):
    evening, *_ = queue
    url = reverse("admin:positive_action_preparationevening_change", args=[evening.pk])
    response = admin_client.post(url, change_form(evening, capacity=0))
    assert response.status_code == 200
    assert "cannot have fewer than 1 places" in response.content.decode()
    assert PreparationEvening.objects.get(pk=evening.pk).capacity == 1


def test_admin_raising_capacity_offers_places_and_keeps_the_count(admin_client, queue):
    evening, _, waiting = queue
    url = reverse("admin:positive_action_preparationevening_change", args=[evening.pk])
    assert admin_client.get(url).status_code == 200
    booking_cancel(booking=waiting[3])
    evening_capacity_change(evening=evening, capacity=2)  # waiting[0] is offered the place
    response = admin_client.post(url, change_form(evening, capacity=4, title="Renamed"))
    assert response.status_code == 302, response.content.decode()[:3000]
    evening.refresh_from_db()
    assert (evening.title, evening.capacity, evening.booked) == ("Renamed", 4, 4)
    assert statuses(waiting[:3]) == ["offered"] * 3


def test_staff_move_someone_up_only_with_a_reason(queue, admin_user):
    evening, _, waiting = queue
    with pytest.raises(ValidationError, match="Give a reason"):
        booking_move_up(booking=waiting[3], by=admin_user, reason="   ")
    booking_move_up(booking=waiting[3], by=admin_user, reason="Could not come to the last two evenings")
    assert [Booking.objects.get(pk=b.pk).queue_position() for b in waiting] == [2, 3, 4, 1]
    event = EveningEvent.objects.get(action="moved_up")
    assert event.reason == "Could not come to the last two evenings" and event.actor_name == admin_user.username
    evening_capacity_change(evening=evening, capacity=2)
    assert statuses(waiting) == ["waiting", "waiting", "waiting", "offered"]


def test_the_database_refuses_an_override_without_a_reason(queue):
    evening, _, waiting = queue
    with pytest.raises(IntegrityError), transaction.atomic():
        EveningEvent.objects.create(evening=evening, booking=waiting[0], action="moved_up", reason="")


def test_staff_offer_a_place_by_hand_only_when_one_is_free(queue, admin_user):
    evening, taken, waiting = queue
    with pytest.raises(ValidationError, match="no free place"):
        booking_offer_by_hand(booking=waiting[2], by=admin_user, reason="Urgent")
    assert PreparationEvening.objects.get(pk=evening.pk).booked == 1
    PreparationEvening.objects.filter(pk=evening.pk).update(capacity=2)  # a place free, nobody offered it yet
    booking_offer_by_hand(booking=waiting[2], by=admin_user, reason="Needs an evening before the assessment")
    assert statuses(waiting) == ["waiting", "waiting", "offered", "waiting"]
    assert PreparationEvening.objects.get(pk=evening.pk).booked == 2
    with pytest.raises(ValidationError, match="no free place"):
        booking_offer_by_hand(booking=waiting[3], by=admin_user, reason="Also urgent")
    assert EveningEvent.objects.filter(action="offered_by_hand").count() == 1


def test_admin_override_page_needs_a_reason_and_shows_it_in_the_history(admin_client, queue):
    evening, _, waiting = queue
    url = reverse("admin:positive_action_booking_override", args=[waiting[2].pk])
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, {"change": "move_up", "reason": ""})
    assert "Give a reason" in response.content.decode()
    assert Booking.objects.get(pk=waiting[2].pk).queue_position() == 3
    response = admin_client.post(url, {"change": "offer", "reason": "Wanted"})
    assert "There is no free place" in response.content.decode()
    response = admin_client.post(url, {"change": "move_up", "reason": "Missed the last evening through illness"})
    assert response.status_code == 302
    history = admin_client.get(reverse("admin:positive_action_preparationevening_change", args=[evening.pk]))
    assert "Missed the last evening through illness" in history.content.decode()


def test_erasure_blanks_the_reasons_about_the_person(queue, admin_user):
    from positive_action.privacy import ERASED, bookings_scrub

    _, _, waiting = queue
    booking_move_up(booking=waiting[1], by=admin_user, reason="Personal circumstances")
    bookings_scrub(pks=[waiting[1].pk])
    assert EveningEvent.objects.get(action="moved_up").reason == ERASED


def test_an_offer_by_hand_lapses_like_any_other(queue, admin_user, settings):
    from positive_action.services import offers_expire

    settings.PAP_OFFER_HOURS = 24
    evening, _, waiting = queue
    PreparationEvening.objects.filter(pk=evening.pk).update(capacity=2)
    booking_offer_by_hand(booking=waiting[3], by=admin_user, reason="Reason")
    assert offers_expire(now=timezone.now() + timedelta(hours=25)) == 1
    assert statuses(waiting) == ["offered", "waiting", "waiting", "expired"]


def test_the_list_of_evenings_says_how_many_are_waiting_for_a_full_one(client, queue):
    page = client.get(reverse("positive_action:evenings")).content.decode()
    assert "4 people waiting; you can join the waiting list" in page


def test_choosing_a_venue_in_admin_saves_its_name_and_address(admin_client, queue):
    from tests.factories import VenueFactory

    evening, _taken, waiting = queue
    venue = VenueFactory(name="Training suite", address="1 Example Street")
    url = reverse("admin:positive_action_preparationevening_change", args=[evening.pk])
    data = change_form(evening, location=venue.pk, venue="", address="")
    data["mode"] = "in_person"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    evening.refresh_from_db()
    assert (evening.location_id, evening.venue, evening.address) == (venue.pk, "Training suite", "1 Example Street")
    # The change page counts each waiting person's place once for the whole list.
    from django.contrib import admin as django_admin
    from django.test import RequestFactory

    from positive_action.admin.evenings import BookingInline
    from positive_action.models import PreparationEvening

    inline = BookingInline(PreparationEvening, django_admin.site)
    request = RequestFactory().get("/")
    request.user = response.wsgi_request.user
    rows = inline.get_queryset(request).filter(evening=evening)
    assert {row.pk: inline.place_in_queue(row) for row in rows if row.status == "waiting"} == {
        booking.pk: booking.queue_position() for booking in waiting
    }


def test_admin_says_plainly_when_places_were_taken_while_it_saved(admin_client, monkeypatch):
    from django.db.models import F

    from positive_action.admin import evenings as evenings_admin
    from tests.factories import PreparationEveningFactory

    evening = PreparationEveningFactory(capacity=3)
    PreparationEvening.objects.filter(pk=evening.pk).update(booked=1)
    evening.refresh_from_db()
    real = evenings_admin.evening_capacity_change

    def someone_books_first(**kwargs):
        PreparationEvening.objects.filter(pk=evening.pk).update(booked=F("booked") + 1)
        return real(**kwargs)

    monkeypatch.setattr(evenings_admin, "evening_capacity_change", someone_books_first)
    url = reverse("admin:positive_action_preparationevening_change", args=[evening.pk])
    response = admin_client.post(url, change_form(evening, capacity=1, title="Renamed"), follow=True)
    page = response.content.decode()
    assert "The number of places was not changed: This evening has 2 places taken" in page
    assert "Your other changes were saved" in page and "changed successfully" not in page
    evening.refresh_from_db()
    assert (evening.title, evening.capacity, evening.booked) == ("Renamed", 3, 2)
