import re

import pytest
from django.urls import reverse

from positive_action.models import Booking

GOOD = {"name": "Alex Smith", "email": "alex@example.com", "candidate_reference": "abc 123456", "access_needs": ""}


def post_booking(client, evening, **changes):
    url = reverse("positive_action:evening_book", args=[evening.pk])
    page = client.get(url).content.decode()
    token = page.split('name="form_token" value="', 1)[1].split('"', 1)[0]
    waiting = 'name="join_waiting_list" value="True"' in page
    data = {**GOOD, "form_token": token, "website": "", "join_waiting_list": waiting or "", **changes}
    return client.post(url, {k: v for k, v in data.items() if v is not None})


def test_evenings_page_lists_places_left(client, make_evening, book):
    evening = make_evening(capacity=3)
    book(evening, 1)
    html = client.get(reverse("positive_action:evenings")).content.decode()
    assert "2 of 3" in html and evening.get_absolute_url() in html


def test_booking_says_check_your_email_and_the_emailed_link_opens_the_private_page(
    client, make_evening, mailoutbox, django_capture_on_commit_callbacks
):
    evening = make_evening()
    with django_capture_on_commit_callbacks(execute=True):
        response = post_booking(client, evening)
    booking = Booking.objects.get()
    assert booking.candidate_reference == "ABC123456" and booking.status == "confirmed"
    assert response.status_code == 302 and response.url == reverse("positive_action:booking_requested")
    confirmation = client.get(response.url).content.decode()
    assert "Check your email" in confirmation and booking.token not in confirmation

    [email] = mailoutbox
    assert email.to == ["alex@example.com"]
    link = re.search(r"https?://\S+(/positive-action/bookings/[\w.:-]+/)", email.body).group(1)
    assert link == booking.private_path()
    page = client.get(link)
    assert "Your place is booked" in page.content.decode() and page["Cache-Control"].startswith("max-age=0")
    assert reverse("positive_action:booking_calendar", args=[booking.token]) in page.content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "Enter your full name"),
        ({"email": "not-an-email"}, "Enter an email address in the correct format"),
        ({"candidate_reference": "12"}, "Enter your candidate reference in the right format, for example ABC123456"),
        ({"candidate_reference": ""}, "Enter your candidate reference"),
        ({"access_needs": "x" * 1001}, "Access needs must be 1,000 characters or fewer"),
        ({"name": "Al\x00ex"}, "Full name contains characters we cannot accept"),
    ],
)
def test_booking_form_errors_are_plain_and_keep_answers(client, make_evening, changes, message):
    evening = make_evening()
    response = post_booking(client, evening, **{**{"access_needs": "step-free access"}, **changes})
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html and "govuk-error-summary" in html
    assert "<title>Error:" in html
    assert "step-free access" in html or "access_needs" in changes
    assert not Booking.objects.exists()


def test_double_submit_makes_one_booking(client, make_evening):
    evening = make_evening(capacity=5)
    url = reverse("positive_action:evening_book", args=[evening.pk])
    token = client.get(url).content.decode().split('name="form_token" value="', 1)[1].split('"', 1)[0]
    data = {**GOOD, "form_token": token}
    first, second = client.post(url, data), client.post(url, data)
    assert first.url == second.url == reverse("positive_action:booking_requested")
    assert Booking.objects.count() == 1


def test_honeypot_books_nothing(client, make_evening):
    response = post_booking(client, make_evening(), website="http://spam")
    assert response.status_code == 302 and not Booking.objects.exists()
    assert response.url == reverse("positive_action:booking_requested")  # looks like success


def test_full_evening_page_offers_the_waiting_list(client, make_evening, book):
    evening = make_evening(capacity=1)
    book(evening, 1)
    html = client.get(evening.get_absolute_url()).content.decode()
    assert "Join the waiting list" in html
    post_booking(client, evening)
    assert Booking.objects.get(email="alex@example.com").status == "waiting"


def test_last_place_taken_between_page_and_submit_offers_waiting_list(client, make_evening, book):
    evening = make_evening(capacity=1)
    url = reverse("positive_action:evening_book", args=[evening.pk])
    token = client.get(url).content.decode().split('name="form_token" value="', 1)[1].split('"', 1)[0]
    book(evening, 9)
    response = client.post(url, {**GOOD, "form_token": token})
    html = response.content.decode()
    assert "The last place has just been taken" in html and "Join the waiting list" in html
    assert not Booking.objects.filter(email="alex@example.com").exists()


def test_cancel_link_asks_then_cancels(client, make_evening, book):
    booking = book(make_evening(), 1)
    url = reverse("positive_action:booking_cancel", args=[booking.token])
    assert "Cancel your place?" in client.get(url).content.decode()
    Booking.objects.get(pk=booking.pk)  # GET changes nothing
    assert Booking.objects.get(pk=booking.pk).status == "confirmed"
    response = client.post(url)
    assert response.status_code == 302
    assert Booking.objects.get(pk=booking.pk).status == "cancelled"
    assert "Your booking is cancelled" in client.get(response.url).content.decode()
