"""Periodic jobs, driven from the database by beat (no long countdowns)."""

from celery import shared_task


@shared_task
def reminders_send() -> int:
    """Send the reminder for every evening starting within the lead time, once per booking."""
    from positive_action.services import reminders_send as send

    return send()


@shared_task
def offers_expire() -> int:
    """Lapse waiting-list offers whose time is up and offer each place to the next person."""
    from positive_action.services import offers_expire as expire

    return expire()


@shared_task(autoretry_for=(ConnectionError, TimeoutError), retry_backoff=True, max_retries=3)
def retention_apply() -> dict:
    """Beat: anonymise bookings and sign-ups past their retention periods."""
    from positive_action.services.retention import bookings_anonymise_expired, signups_anonymise_expired

    return {"bookings": bookings_anonymise_expired(), "signups": signups_anonymise_expired()}
