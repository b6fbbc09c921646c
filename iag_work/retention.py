"""Ended memberships, and attendance at meetings that ended, are anonymised
IAG_MEMBERSHIP_RETENTION_DAYS later. Attendance keeps its yes/no (for the
attendance rates) but no longer says whose it was."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from iag_work.models import Invitation, Membership
from iag_work.services.members import memberships_anonymise


def memberships_anonymise_expired(*, now=None, limit: int = 1000) -> int:
    now = now or timezone.now()
    before = now - timedelta(days=settings.IAG_MEMBERSHIP_RETENTION_DAYS)
    ended = Membership.objects.filter(ended_at__lt=before, anonymised_at__isnull=True)
    return memberships_anonymise(pks=list(ended.values_list("pk", flat=True)[:limit]), now=now)


def attendance_anonymise_expired(*, now=None) -> int:
    before = (now or timezone.now()) - timedelta(days=settings.IAG_MEMBERSHIP_RETENTION_DAYS)
    return Invitation.objects.filter(meeting__ends_at__lt=before, membership__isnull=False).update(membership=None)


def retention_apply(*, now=None) -> dict[str, int]:
    return {
        "memberships": memberships_anonymise_expired(now=now),
        "attendance": attendance_anonymise_expired(now=now),
    }
