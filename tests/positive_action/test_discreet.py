"""Discreet by design: nothing seen before an email or calendar entry is opened
(subject, sender name, headers, calendar title and text) names the programme or a group."""

import re
from datetime import timedelta
from email.utils import parseaddr

import pytest
from django.utils import timezone

from outbox.models import Notification
from outbox.services import _message
from positive_action.models import Booking, Group
from positive_action.services import (
    booking_accept_offer,
    booking_cancel,
    booking_receive,
    buddy_assign,
    evening_cancel,
    offers_expire,
    reminders_send,
)
from positive_action.services.calendar import booking_calendar
from tests.factories import BuddyFactory, SignupFactory

PROGRAMME = ["Positive Action", "programme", "preparation evening", "diversity"]
EVENING_KINDS = {
    "positive_action.confirmed",
    "positive_action.waiting",
    "positive_action.booking_requested_again",
    "positive_action.offer",
    "positive_action.cancelled",
    "positive_action.offer_expired",
    "positive_action.reminder",
    "positive_action.evening_cancelled",
    "positive_action.buddy_intro_candidate",
    "positive_action.buddy_intro_buddy",
}


@pytest.fixture
def forbidden(pa_demo):
    from networks import demo as networks_demo
    from networks.models import Network

    networks_demo.load(force="essex")
    names = [*PROGRAMME, *Group.objects.values_list("name", flat=True), *Network.objects.values_list("name", flat=True)]
    assert len(names) > len(PROGRAMME) + 3
    return [re.compile(rf"\b{re.escape(name)}\b", re.IGNORECASE) for name in names]


def named(text: str, forbidden) -> list[str]:
    return [pattern.pattern for pattern in forbidden if pattern.search(text)]


def send_every_evening_email(make_evening, book, settings):
    settings.PAP_REMINDER_DAYS = "7,1"
    settings.PAP_OFFER_HOURS = 24
    evening = make_evening(capacity=1, title="Positive Action Programme evening for Black and Asian candidates")
    first = book(evening, 1)
    second = book(evening, 2, join_waiting_list=True)
    third = book(evening, 3, join_waiting_list=True)
    booking_receive(
        evening=evening,
        name="Again",
        email="again@example.com",
        candidate_reference="ABC000001",
        join_waiting_list=True,
    )
    booking_cancel(booking=first)  # the second is offered the place
    offers_expire(now=timezone.now() + timedelta(hours=25))  # ...lets it lapse; the third is offered it
    booking_accept_offer(booking=Booking.objects.get(pk=third.pk))
    assert reminders_send(now=timezone.now() + timedelta(days=3, hours=1)) == 1
    evening_cancel(evening=evening)
    signup = SignupFactory(wants_buddy=True)
    buddy_assign(signup=signup, buddy=BuddyFactory())
    return second, Booking.objects.get(pk=third.pk)


def test_no_evening_email_names_the_programme_or_a_group_before_it_is_opened(make_evening, book, settings, forbidden):
    send_every_evening_email(make_evening, book, settings)
    emails = list(Notification.objects.filter(kind__startswith="positive_action."))
    assert EVENING_KINDS <= {email.kind for email in emails}, "an email kind was not sent"
    for email in emails:
        if email.kind not in EVENING_KINDS:
            continue  # sign-up acknowledgements are covered with the sign-up form
        message = _message(email).message()
        sender_name, _ = parseaddr(message["From"])
        seen = [email.subject, sender_name, *(str(value) for key, value in message.items() if key != "Message-ID")]
        assert named(" ".join(seen), forbidden) == [], (email.kind, email.subject, sender_name)
    # Once opened, the email says what it is about.
    assert "preparation evening" in Notification.objects.filter(kind="positive_action.confirmed").first().body_text


def test_no_calendar_entry_names_the_programme_or_a_group(make_evening, book, settings, forbidden):
    from positive_action.models import Venue

    venue = Venue.objects.create(name="Headquarters", address="1 High Street", parking="Car park")
    evening = make_evening(title="Positive Action Programme: Black Police Association evening", location=venue)
    text = booking_calendar(booking=book(evening, 1)).replace("\r\n ", "")
    shown = [line for line in text.split("\r\n") if line.split(":")[0] in {"SUMMARY", "DESCRIPTION", "LOCATION"}]
    assert len(shown) == 3
    assert named("\n".join(shown), forbidden) == [], shown
    assert "SUMMARY:Appointment with Essex Police" in shown


def test_the_sender_name_is_checked(settings, make_evening, book, forbidden):
    """The test above reads the real From header: a programme name there is caught."""
    settings.DEFAULT_FROM_EMAIL = "Positive Action Programme <pap@example.org>"
    book(make_evening(), 1)
    email = Notification.objects.get(kind="positive_action.confirmed")
    sender_name, _ = parseaddr(_message(email).message()["From"])
    assert named(sender_name, forbidden) != []
