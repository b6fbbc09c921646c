from django.db import transaction
from django.urls import reverse

from outbox.services import unit_alert_queue
from site_pages.models import Feedback


@transaction.atomic
def feedback_create(*, satisfaction: str, comments: str, page: str = "") -> Feedback:
    """Store feedback and alert the unit with its reference and an admin link."""
    feedback = Feedback(satisfaction=satisfaction, comments=comments, page=page)
    feedback.full_clean()
    feedback.save()
    unit_alert_queue(
        template="site_pages/email/feedback_received",
        context={
            "reference": feedback.reference,
            "admin_path": reverse("admin:site_pages_feedback_change", args=[feedback.pk]),
        },
        kind="feedback.received",
        about=feedback,
    )
    return feedback
