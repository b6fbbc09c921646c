"""The outbox's retention: sent and failed emails keep only kind, state and times."""

from datetime import timedelta

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone

from outbox.models import Notification
from outbox.privacy import ERASED, ERASED_ADDRESS


def notifications_scrub_expired(*, now=None) -> int:
    """Sent emails NOTIFICATION_RETENTION_DAYS after sending, and failed ones that
    long after they were written: recipient, subject, bodies, headers and error
    are blanked. Pending ones are untouched."""
    before = (now or timezone.now()) - timedelta(days=settings.NOTIFICATION_RETENTION_DAYS)
    sent = Q(state=Notification.State.SENT, sent_at__lt=before)
    failed = Q(state=Notification.State.FAILED, created_at__lt=before)
    pks = list(
        Notification.objects.filter(sent | failed).exclude(recipient=ERASED_ADDRESS).values_list("pk", flat=True)
    )
    if not pks:
        return 0
    Notification.objects.filter(pk__in=pks).update(
        recipient=ERASED_ADDRESS, subject=ERASED, body_text="", body_html="", headers={}, last_error=""
    )
    # The admin history names an email by its recipient ("... to someone@example.org").
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Notification), object_id__in=[str(pk) for pk in pks]
    ).update(object_repr=ERASED, change_message="")
    return len(pks)


def retention_apply(*, now=None) -> dict[str, int]:
    return {"notifications": notifications_scrub_expired(now=now)}
