"""Retention for the site's own records: the email outbox, website feedback and
used one-time form tokens. Each period is a setting (days)."""

from datetime import timedelta

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone

from engagement_site.models import Feedback, FormSubmission, Notification

ERASED = "[erased]"
ERASED_ADDRESS = "erased@invalid.example"


def cutoff(setting: str, default: int, *, now=None):
    return (now or timezone.now()) - timedelta(days=int(getattr(settings, setting, default)))


def notifications_scrub_expired(*, now=None) -> int:
    """Sent emails NOTIFICATION_RETENTION_DAYS after sending, and failed ones that
    long after they were written, keep only kind, state and times: recipient,
    subject, bodies, headers and error are blanked. Pending ones are untouched."""
    before = cutoff("NOTIFICATION_RETENTION_DAYS", 30, now=now)
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


def feedback_delete_expired(*, now=None) -> int:
    deleted, _ = Feedback.objects.filter(created_at__lt=cutoff("FEEDBACK_RETENTION_DAYS", 365, now=now)).delete()
    return deleted


def form_submissions_delete_expired(*, now=None) -> int:
    before = cutoff("FORM_SUBMISSION_RETENTION_DAYS", 30, now=now)
    deleted, _ = FormSubmission.objects.filter(created_at__lt=before).delete()
    return deleted


def retention_apply(*, now=None) -> dict[str, int]:
    return {
        "notifications": notifications_scrub_expired(now=now),
        "feedback": feedback_delete_expired(now=now),
        "form_submissions": form_submissions_delete_expired(now=now),
    }
