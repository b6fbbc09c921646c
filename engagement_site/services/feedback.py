from django.db import transaction
from django.urls import reverse

from engagement_site.models import Feedback

from .notifications import unit_alert_queue


@transaction.atomic
def feedback_create(*, satisfaction: str, comments: str, page: str = "") -> Feedback:
    """Store feedback and alert the unit with its reference and an admin link."""
    feedback = Feedback(satisfaction=satisfaction, comments=comments, page=page)
    feedback.full_clean()
    feedback.save()
    unit_alert_queue(
        template="engagement_site/email/feedback_received",
        context={
            "reference": feedback.reference,
            "admin_path": reverse("admin:engagement_site_feedback_change", args=[feedback.pk]),
        },
        kind="feedback.received",
        about=feedback,
    )
    return feedback
