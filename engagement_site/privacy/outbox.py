"""engagement_site's own subject access and erasure: the notification outbox,
website feedback that quotes the address, and the admin history."""

from django.contrib.admin.models import LogEntry
from django.db.models import Q

from engagement_site.models import Feedback, Notification
from engagement_site.private_links import redact

from .addresses import mentions, same

ERASED = "[erased]"
ERASED_ADDRESS = "erased@invalid.example"


def _notifications(email: str):
    """Emails sent to the address (exactly, not to a longer address that ends
    with it). Emails about someone that went to staff (a message to a network)
    are found by the app that knows whose they are."""
    candidates = Notification.objects.filter(recipient__iexact=email).only("pk", "recipient")
    ids = [n.pk for n in candidates if same(n.recipient, email)]
    return Notification.objects.filter(pk__in=ids)


def _feedback(email: str):
    candidates = Feedback.objects.filter(Q(comments__icontains=email) | Q(page__icontains=email))
    ids = [f.pk for f in candidates if mentions(f.comments, email) or mentions(f.page, email)]
    return Feedback.objects.filter(pk__in=ids)


def _log_entries(email: str, field: str) -> list[int]:
    candidates = LogEntry.objects.filter(**{f"{field}__icontains": email}).only("pk", field)
    return [entry.pk for entry in candidates if mentions(getattr(entry, field), email)]


def subject_access(email: str) -> dict:
    if not email:
        return {"emails": [], "feedback": []}
    emails = [
        {
            "created_at": n.created_at,
            "to": n.recipient,
            "subject": n.subject,
            "kind": n.kind,
            "state": str(n.get_state_display()),
            "sent_at": n.sent_at,
            "body": redact(n.body_text),  # a private link shows as "[private link]"
        }
        for n in _notifications(email).order_by("created_at")
    ]
    feedback = [
        {"reference": f.reference, "received_at": f.created_at, "page": f.page, "comments": f.comments}
        for f in _feedback(email).order_by("created_at")
    ]
    return {"emails": emails, "feedback": feedback}


def subject_erase(email: str) -> int:
    """Emails to or quoting the address keep only their kind and times: the
    recipient is replaced and every text blanked. Unsent ones are deleted."""
    if not email:
        return 0
    matching = _notifications(email)
    unsent = [Notification.State.PENDING, Notification.State.SENDING]
    count = matching.filter(state__in=unsent).delete()[0]
    count += matching.update(
        recipient=ERASED_ADDRESS, subject=ERASED, body_text="", body_html="", headers={}, last_error=ERASED
    )
    count += _feedback(email).delete()[0]
    LogEntry.objects.filter(pk__in=_log_entries(email, "object_repr")).update(object_repr=ERASED)
    LogEntry.objects.filter(pk__in=_log_entries(email, "change_message")).update(change_message="")
    return count
