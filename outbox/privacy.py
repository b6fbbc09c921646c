"""The outbox's part of subject access and erasure: emails sent to the address.
Emails about someone that went to staff (a message to a network) are found by
the app that knows whose they are."""

from outbox.addresses import same
from outbox.models import Notification
from private_links import redact

ERASE_LAST = True  # other apps' erasure may queue or delete emails first
ERASED = "[erased]"
ERASED_ADDRESS = "erased@invalid.example"


def _notifications(email: str):
    """Emails sent to the address exactly, not to a longer address that ends with it."""
    candidates = Notification.objects.filter(recipient__iexact=email).only("pk", "recipient")
    ids = [n.pk for n in candidates if same(n.recipient, email)]
    return Notification.objects.filter(pk__in=ids)


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
            "body": redact(n.body_text),  # a private link shows as "[private link]"
        }
        for n in _notifications(email).order_by("created_at")
    ]
    return {"emails": emails}


def subject_erase(email: str) -> int:
    """Emails to the address keep only their kind and times: the recipient is
    replaced and every text blanked. Unsent ones are deleted."""
    if not email:
        return 0
    matching = _notifications(email)
    unsent = [Notification.State.PENDING, Notification.State.SENDING]
    count = matching.filter(state__in=unsent).delete()[0]
    count += matching.update(
        recipient=ERASED_ADDRESS, subject=ERASED, body_text="", body_html="", headers={}, last_error=ERASED
    )
    return count
