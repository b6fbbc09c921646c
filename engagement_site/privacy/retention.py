"""Retention for sign-in records (django-axes) and the personal data request log."""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog

from engagement_site.services.retention import cutoff

from .models import PrivacyRequest


def sign_in_records_delete_expired(*, now=None) -> int:
    """Staff sign-in attempts, logs and failure logs older than STAFF_SIGN_IN_LOG_RETENTION_DAYS."""
    before = cutoff("STAFF_SIGN_IN_LOG_RETENTION_DAYS", 90, now=now)
    return sum(
        model.objects.filter(attempt_time__lt=before).delete()[0]
        for model in (AccessAttempt, AccessLog, AccessFailureLog)
    )


def privacy_requests_delete_expired(*, now=None) -> int:
    before = cutoff("PRIVACY_REQUEST_LOG_RETENTION_DAYS", 730, now=now)
    return PrivacyRequest.objects.filter(created_at__lt=before).delete()[0]
