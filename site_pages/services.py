from django.db import transaction
from django.urls import reverse

from outbox.services import unit_alert_queue
from site_pages.models import Feedback


def feedback_create(*, satisfaction: str, comments: str, page: str = "") -> Feedback:
    """Store feedback and alert the unit with its reference and an admin link."""
    feedback = Feedback(satisfaction=satisfaction, comments=comments, page=page)
    feedback.clean_fields()  # in Python; the unique reference is the database's to refuse
    with transaction.atomic(savepoint=False):  # part of the caller's transaction, or its own
        feedback.save(force_insert=True)
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
