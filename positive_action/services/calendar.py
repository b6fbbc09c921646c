"""An iCalendar (RFC 5545) file for a booked place."""

from datetime import UTC

from django.conf import settings
from django.utils import timezone

from positive_action.models import Booking


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets are folded with CRLF and a space."""
    out, current = [], ""
    for char in line:
        if len((current + char).encode()) > 75:
            out.append(current)
            current = " " + char
        else:
            current += char
    out.append(current)
    return "\r\n".join(out)


def _utc(value) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def booking_calendar(*, booking: Booking, site_url: str | None = None) -> str:
    evening = booking.evening
    site_url = site_url or settings.SITE_URL
    if evening.mode == evening.Mode.ONLINE:
        location = "Online"
    else:
        location = ", ".join(part for part in [evening.venue, " ".join(evening.address.split())] if part)
    description = f"{evening.covers}\n\nTo cancel your place: {site_url}{booking.private_path()}"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//engagement-site//positive-action//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:booking-{booking.pk}-evening-{evening.pk}@engagement-site",
        f"DTSTAMP:{_utc(timezone.now())}",
        f"DTSTART:{_utc(evening.starts_at)}",
        f"DTEND:{_utc(evening.ends_at)}",
        f"SUMMARY:{_escape(evening.title)}",
        f"LOCATION:{_escape(location)}",
        f"DESCRIPTION:{_escape(description)}",
        "STATUS:" + ("CANCELLED" if evening.status == evening.Status.CANCELLED else "CONFIRMED"),
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
