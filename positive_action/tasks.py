"""Periodic jobs, driven from the database by beat (no long countdowns)."""

from celery import shared_task
from django.utils.dateparse import parse_datetime


@shared_task
def reminders_send(now: str | None = None) -> int:
    """Send each reminder that is due (PAP_REMINDER_DAYS), once per booking and reminder.
    `now` (ISO 8601) is for tests that move time forward; beat gives none."""
    from positive_action.services import reminders_send as send

    return send(now=parse_datetime(now) if now else None)


@shared_task
def offers_expire() -> int:
    """Lapse waiting-list offers whose time is up and offer each place to the next person."""
    from positive_action.services import offers_expire as expire

    return expire()
