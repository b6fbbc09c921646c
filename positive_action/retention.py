"""Anonymise sign-ups and bookings once their retention period has passed."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from positive_action.models import Booking, Signup
from positive_action.privacy import ERASED, bookings_scrub, signups_scrub


def bookings_anonymise_expired(*, now=None, limit: int = 1000) -> int:
    """Bookings for evenings that ended more than PAP_BOOKING_RETENTION_DAYS ago.
    Returns how many; safe to run again."""
    before = (now or timezone.now()) - timedelta(days=settings.PAP_BOOKING_RETENTION_DAYS)
    pks = list(
        Booking.objects.filter(evening__ends_at__lt=before).exclude(name=ERASED).values_list("pk", flat=True)[:limit]
    )
    with transaction.atomic():
        bookings_scrub(pks=pks)
    return len(pks)


def signups_anonymise_expired(*, now=None, limit: int = 1000) -> int:
    """Sign-ups made more than PAP_SIGNUP_RETENTION_DAYS ago: anonymised, their
    equality answers deleted. Returns how many; safe to run again."""
    before = (now or timezone.now()) - timedelta(days=settings.PAP_SIGNUP_RETENTION_DAYS)
    pks = list(Signup.objects.filter(created_at__lt=before).exclude(name=ERASED).values_list("pk", flat=True)[:limit])
    with transaction.atomic():
        signups_scrub(signups=list(Signup.objects.select_for_update().filter(pk__in=pks)))
    return len(pks)


def retention_apply(*, now=None) -> dict[str, int]:
    return {"bookings": bookings_anonymise_expired(now=now), "signups": signups_anonymise_expired(now=now)}
