"""Staff sign-in records (django-axes) are deleted STAFF_SIGN_IN_LOG_RETENTION_DAYS after the attempt."""

from datetime import timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.utils import timezone


def retention_apply(*, now=None) -> dict[str, int]:
    before = (now or timezone.now()) - timedelta(days=settings.STAFF_SIGN_IN_LOG_RETENTION_DAYS)
    deleted = sum(
        model.objects.filter(attempt_time__lt=before).delete()[0]
        for model in (AccessAttempt, AccessLog, AccessFailureLog)
    )
    return {"sign_in_records": deleted}
