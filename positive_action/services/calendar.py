"""An iCalendar (RFC 5545) file for a booked place, written by the icalendar package."""

from datetime import UTC

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from positive_action.models import Booking


def booking_calendar(*, booking: Booking, site_url: str | None = None) -> str:
    evening = booking.evening
    site_url = site_url or settings.SITE_URL
    if evening.mode == evening.Mode.ONLINE:
        location = "Online"
    else:
        location = ", ".join(part for part in [evening.venue, " ".join(evening.address.split())] if part)
    description = f"{evening.covers}\n\nTo cancel your place: {site_url}{booking.private_path()}"

    event = Event()
    event.add("uid", f"booking-{booking.pk}-evening-{evening.pk}@engagement-site")
    event.add("dtstamp", timezone.now().astimezone(UTC))
    event.add("dtstart", evening.starts_at.astimezone(UTC))
    event.add("dtend", evening.ends_at.astimezone(UTC))
    event.add("summary", evening.title)
    event.add("location", location)
    event.add("description", description)
    event.add("status", "CANCELLED" if evening.status == evening.Status.CANCELLED else "CONFIRMED")

    calendar = Calendar()
    calendar.add("prodid", "-//engagement-site//positive-action//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")
