"""Used one-time form tokens are deleted FORM_SUBMISSION_RETENTION_DAYS after use."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from protected_forms.models import FormSubmission


def retention_apply(*, now=None) -> dict[str, int]:
    before = (now or timezone.now()) - timedelta(days=settings.FORM_SUBMISSION_RETENTION_DAYS)
    return {"form_submissions": FormSubmission.objects.filter(created_at__lt=before).delete()[0]}
