from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.urls import reverse

from positive_action.services.calendar import booking_calendar


def test_ics_file_describes_the_evening_in_utc(make_evening, book, settings):
    from force import demo as site_demo
    from positive_action.models import Venue

    site_demo.load(force="essex")
    settings.SITE_URL = "https://example.org"
    start = datetime(2031, 7, 1, 18, 30, tzinfo=ZoneInfo("Europe/London"))  # BST
    venue = Venue.objects.create(
        name="Headquarters",
        address="1 High Street\nChelmsford",
        step_free_access="Level entrance; lift to the first floor",
        parking="Visitor car park; two blue badge bays",
        public_transport="Chelmsford station, 10 minutes' walk",
    )
    evening = make_evening(starts_at=start, title="Positive Action Programme evening; HQ", location=venue)
    booking = book(evening, 1)
    text = booking_calendar(booking=booking)
    lines = text.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and text.endswith("END:VCALENDAR\r\n")
    assert "DTSTART:20310701T173000Z" in lines and "DTEND:20310701T193000Z" in lines
    assert "SUMMARY:Appointment with Essex Police" in lines  # neutral: never the programme's name
    assert "LOCATION:Headquarters\\, 1 High Street\\, Chelmsford" in lines
    unfolded_lines = text.replace("\r\n ", "").split("\r\n")
    description = next(line for line in unfolded_lines if line.startswith("DESCRIPTION:"))
    assert "Positive Action" not in text and "Step-free access: Level entrance\\; lift" in description
    assert "Parking: Visitor car park" in description and "Nearest public transport: Chelmsford station" in description
    assert f"URL:https://example.org/positive-action/bookings/{booking.token}/" in unfolded_lines
    assert any(line.startswith(f"UID:booking-{booking.pk}-") for line in lines)
    assert all(len(line.encode()) <= 75 for line in lines)
    unfolded = text.replace("\r\n ", "")
    assert f"https://example.org/positive-action/bookings/{booking.token}/" in unfolded


def test_ics_is_served_as_text_calendar_only_for_a_confirmed_place(client, make_evening, book):
    evening = make_evening(capacity=1, starts_at=datetime.now(ZoneInfo("UTC")) + timedelta(days=3))
    booking = book(evening, 1)
    response = client.get(reverse("positive_action:booking_calendar", args=[booking.token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert b"BEGIN:VEVENT" in response.content
    waiting = book(evening, 2, join_waiting_list=True)
    assert client.get(reverse("positive_action:booking_calendar", args=[waiting.token])).status_code == 302
    assert client.get(reverse("positive_action:booking_calendar", args=["not-a-token"])).status_code == 404


def test_demo_evenings_in_person_carry_their_venue_access_details(pa_demo, client, book):
    from positive_action.models import PreparationEvening

    evening = PreparationEvening.objects.filter(mode="in_person").first()
    assert [label for label, _ in evening.location.access_details()] == [
        "Step-free access",
        "Parking",
        "Nearest public transport",
    ]
    booking = book(evening, 1)
    page = client.get(reverse("positive_action:booking_manage", args=[booking.token])).content.decode()
    assert "Step-free access" in page and "blue badge" in page
    ics = client.get(reverse("positive_action:booking_calendar", args=[booking.token])).content.decode()
    assert "Nearest public transport: Example: the railway station" in ics.replace("\r\n ", "")
