"""Ended memberships, and attendance at meetings that ended, are anonymised
IAG_MEMBERSHIP_RETENTION_DAYS later. Attendance keeps its yes/no (for the
attendance rates) but no longer says whose it was."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

import private_links
from iag_work.models import Invitation, Membership

ERASED = "[anonymised]"


def memberships_anonymise_expired(*, now=None, limit: int = 1000) -> int:
    now = now or timezone.now()
    before = now - timedelta(days=settings.IAG_MEMBERSHIP_RETENTION_DAYS)
    pks = list(
        Membership.objects.filter(ended_at__lt=before, anonymised_at__isnull=True).values_list("pk", flat=True)[:limit]
    )
    with transaction.atomic():
        Invitation.objects.filter(membership_id__in=pks).update(membership=None)
        Membership.communities.through.objects.filter(membership_id__in=pks).delete()
        for pk in pks:  # a fresh key each: any link already sent stops working
            Membership.objects.filter(pk=pk).update(
                name=ERASED,
                email="",
                end_note="",
                application=None,
                name_public=False,
                link_key=private_links.link_key_new(),
                anonymised_at=now,
            )
    return len(pks)


def attendance_anonymise_expired(*, now=None) -> int:
    before = (now or timezone.now()) - timedelta(days=settings.IAG_MEMBERSHIP_RETENTION_DAYS)
    return Invitation.objects.filter(meeting__ends_at__lt=before, membership__isnull=False).update(membership=None)


def retention_apply(*, now=None) -> dict[str, int]:
    return {
        "memberships": memberships_anonymise_expired(now=now),
        "attendance": attendance_anonymise_expired(now=now),
    }
