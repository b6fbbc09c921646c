"""Website feedback is deleted FEEDBACK_RETENTION_DAYS after it was received."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from site_pages.models import Feedback


def retention_apply(*, now=None) -> dict[str, int]:
    before = (now or timezone.now()) - timedelta(days=settings.FEEDBACK_RETENTION_DAYS)
    return {"feedback": Feedback.objects.filter(created_at__lt=before).delete()[0]}
