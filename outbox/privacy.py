"""The outbox's part of subject access and erasure: emails to or quoting the address."""

from django.db.models import Q

from outbox.models import Notification

ERASE_LAST = True  # other apps' erasure may queue or delete emails first
ERASED = "[erased]"
ERASED_ADDRESS = "erased@invalid.example"


def _notifications(email: str):
    return Notification.objects.filter(
        Q(recipient__iexact=email)
        | Q(subject__icontains=email)
        | Q(body_text__icontains=email)
        | Q(body_html__icontains=email)
        | Q(headers__icontains=email)
        | Q(last_error__icontains=email)
    )


def subject_access(email: str) -> dict:
    if not email:
        return {"emails": []}
    emails = [
        {
            "created_at": n.created_at,
            "to": n.recipient,
            "subject": n.subject,
            "kind": n.kind,
            "state": str(n.get_state_display()),
            "sent_at": n.sent_at,
            "body": n.body_text,
        }
        for n in _notifications(email).order_by("created_at")
    ]
    return {"emails": emails}


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
    return count
