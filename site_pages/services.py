from django.urls import reverse

import one_statement
from outbox.services import unit_alert_queue
from site_pages.models import Feedback


def feedback_create(*, satisfaction: str, comments: str, page: str = "") -> Feedback:
    """Store feedback and alert the unit with its reference and an admin link,
    in one statement (part of the caller's, or its own)."""
    feedback = Feedback(satisfaction=satisfaction, comments=comments, page=page)
    feedback.clean_fields()  # in Python; the unique reference is the database's to refuse
    with one_statement.one_statement():
        one_statement.pks_reserve(feedback)  # the alert links to it
        one_statement.insert(feedback)
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
