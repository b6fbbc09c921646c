"""A booking already held is never revealed by the public form: having a place
says a candidate is in the programme, and so in an under-represented group.
A second request for the same candidate reference looks exactly like a new
booking, changes nothing, and the booking's owner is told by email."""

import re
from urllib.parse import urlparse

import pytest
from django.db.models.functions import Now
from django.test import Client
from django.urls import reverse

from outbox.models import Notification
from positive_action.models import Booking, PreparationEvening

ANSWERS = {"name": "Someone Else", "email": "someone@example.org", "access_needs": "step-free access"}
OWNER_REFERENCE = "ABC000001"  # the `book` fixture's candidate 1
NEW_REFERENCE = "XYZ654321"


def form_data(client, evening, **changes) -> dict:
    page = client.get(reverse("positive_action:evening_book", args=[evening.pk])).content.decode()
    token = page.split('name="form_token" value="', 1)[1].split('"', 1)[0]
    waiting = 'name="join_waiting_list" value="True"' in page
    return {**ANSWERS, "form_token": token, "website": "", "join_waiting_list": "True" if waiting else "", **changes}


def send(client, evening, data):
    return client.post(reverse("positive_action:evening_book", args=[evening.pk]), data, follow=True)


def seen(response, *, also_mask: str = "", typed: str = "") -> tuple:
    """All a visitor can tell from a response, with the values that differ on
    every response (CSRF token, CSP nonce) blanked out, and any other named
    attributes and text the person typed."""
    names = r'nonce|name="csrfmiddlewaretoken" value' + also_mask
    html = re.sub(rf'({names})="[^"]*"', r'\1=""', response.content.decode())
    html = html.replace(typed, "TYPED") if typed else html
    return (
        response.status_code,
        response.redirect_chain,
        response.request["PATH_INFO"],
        [template.name for template in response.templates],
        html,
    )


@pytest.mark.parametrize("owner_waiting", [False, True], ids=["owner has a place", "owner is on the waiting list"])
def test_a_booked_reference_gets_the_same_response_as_a_new_one(make_evening, book, owner_waiting):
    evening = make_evening(capacity=1 if owner_waiting else 5)
    if owner_waiting:
        book(evening, 2)
        book(evening, 1, join_waiting_list=True)
    else:
        book(evening, 1)
    known, new = Client(), Client()
    known_seen = seen(send(known, evening, form_data(known, evening, candidate_reference=OWNER_REFERENCE)))
    new_seen = seen(send(new, evening, form_data(new, evening, candidate_reference=NEW_REFERENCE)))
    assert known_seen == new_seen
    status, chain, path, _templates, html = known_seen
    assert status == 200 and path == reverse("positive_action:booking_requested")
    assert [code for _url, code in chain] == [302]
    assert "Check your email" in html
    assert "/positive-action/bookings/" not in html  # the private link is only ever emailed


def test_a_second_request_emails_the_owner_a_working_link_and_books_nothing(
    client, make_evening, book, mailoutbox, django_capture_on_commit_callbacks
):
    evening = make_evening(capacity=5)
    owner = book(evening, 1)
    bookings_before = list(Booking.objects.values())
    booked_before = PreparationEvening.objects.get(pk=evening.pk).booked
    last = Notification.objects.order_by("-pk").first().pk
    Notification.objects.filter(state=Notification.State.PENDING).update(
        state=Notification.State.SENT, sent_at=Now()
    )  # sent earlier
    with django_capture_on_commit_callbacks(execute=True):
        send(client, evening, form_data(client, evening, candidate_reference=OWNER_REFERENCE))

    assert list(Booking.objects.values()) == bookings_before
    assert PreparationEvening.objects.get(pk=evening.pk).booked == booked_before
    told = Notification.objects.get(pk__gt=last)
    assert (told.kind, told.recipient, told.about) == (
        "positive_action.booking_requested_again",
        "candidate1@example.com",
        owner,
    )
    assert owner.token not in told.body_text  # stored with a placeholder; the link is filled in as it is sent
    assert "step-free" not in told.body_text and "Someone Else" not in told.body_text
    assert [message.to for message in mailoutbox] == [["candidate1@example.com"]]
    sent = mailoutbox[0].body
    assert "nothing has changed" in sent
    link = re.search(r"https?://\S+/positive-action/bookings/[\w.:-]+/", sent).group(0)
    page = Client().get(urlparse(link).path)
    assert page.status_code == 200 and "Your place is booked" in page.content.decode()
    assert Booking.objects.for_link(urlparse(link).path.split("/")[-2]).get() == owner


@pytest.mark.parametrize("reference", [NEW_REFERENCE, OWNER_REFERENCE], ids=["new", "already booked"])
def test_a_double_submit_makes_at_most_one_booking_and_one_email(
    client, make_evening, book, mailoutbox, django_capture_on_commit_callbacks, reference
):
    evening = make_evening(capacity=5)
    book(evening, 1)
    data = form_data(client, evening, candidate_reference=reference)
    Notification.objects.filter(state=Notification.State.PENDING).update(
        state=Notification.State.SENT, sent_at=Now()
    )  # sent earlier
    with django_capture_on_commit_callbacks(execute=True):
        first, again = send(client, evening, data), send(client, evening, data)
    assert seen(first) == seen(again)
    assert first.request["PATH_INFO"] == reverse("positive_action:booking_requested")
    assert Booking.objects.count() == (2 if reference == NEW_REFERENCE else 1)
    assert len(mailoutbox) == 1


def test_a_booked_reference_asking_for_a_place_on_a_full_evening_is_answered_like_anyone(make_evening, book):
    """Capacity is checked before the reference, so asking for a place (not the
    waiting list) on a full evening gets the same answer either way."""
    evening = make_evening(capacity=1)
    book(evening, 1)
    answers = []
    for reference in (OWNER_REFERENCE, NEW_REFERENCE):
        client = Client()
        data = form_data(client, evening, candidate_reference=reference, join_waiting_list="")
        answers.append(seen(send(client, evening, data), also_mask='|name="form_token" value', typed=reference))
    assert answers[0] == answers[1]
    assert "The last place has just been taken" in answers[0][-1]
    assert Booking.objects.count() == 1
