"""An iCalendar (RFC 5545) file for a booked place, written by the icalendar package.

Calendars are shared and glanced at, so the entry says only "Appointment with
<force>": the programme's name is in neither the title nor the description."""

from datetime import UTC

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from force.selectors import force_profile
from positive_action.models import Booking


def neutral_title() -> str:
    """The title of a calendar entry, and the words email subjects use for the appointment."""
    return _("Appointment with %(force)s") % {"force": force_profile().name}


def _location(evening) -> str:
    if evening.mode == evening.Mode.ONLINE:
        return _("Online")
    address = evening.location.address if evening.location else evening.address
    return ", ".join(part for part in [evening.venue, ", ".join(address.split("\n")).strip()] if part)


def booking_calendar(*, booking: Booking, site_url: str | None = None) -> str:
    evening = booking.evening
    site_url = site_url or settings.SITE_URL
    booking_url = f"{site_url}{booking.private_path()}"
    lines = [_("Your booking, and to cancel: %(url)s") % {"url": booking_url}]
    if evening.mode == evening.Mode.ONLINE and evening.joining_instructions:
        lines.append(_("How to join: %(how)s") % {"how": " ".join(evening.joining_instructions.split())})
    if evening.mode == evening.Mode.IN_PERSON and evening.location:
        lines += [f"{label}: {text}" for label, text in evening.location.access_details()]

    event = Event()
    event.add("uid", f"booking-{booking.pk}-evening-{evening.pk}@engagement-site")
    event.add("dtstamp", timezone.now().astimezone(UTC))
    event.add("dtstart", evening.starts_at.astimezone(UTC))
    event.add("dtend", evening.ends_at.astimezone(UTC))
    event.add("summary", neutral_title())
    event.add("location", _location(evening))
    event.add("description", "\n".join(lines))
    event.add("url", booking_url)
    event.add("status", "CANCELLED" if evening.status == evening.Status.CANCELLED else "CONFIRMED")

    calendar = Calendar()
    calendar.add("prodid", "-//engagement-site//appointments//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")
