"""Subject access and erasure hooks for the staff networks directory (see
personal_data.collector).

A message to a network is stored as a reference, the network, the time and a
keyed hash of the sender's address; the sender's name, address and words are
only in the email to the network (the outbox). That email went to the
network, not to the sender, so this hook finds it through the message."""

from django.contrib.contenttypes.models import ContentType

from networks.models import NetworkMessage
from outbox.addresses import digest
from outbox.models import Notification

ERASED = "[erased]"
ERASED_ADDRESS = "erased@invalid.example"


def _messages(email: str):
    return NetworkMessage.objects.filter(sender_digest=digest(email))


def _notifications(message_ids: list[int]):
    content_type = ContentType.objects.get_for_model(NetworkMessage)
    return Notification.objects.filter(about_type=content_type, about_id__in=[str(pk) for pk in message_ids])


def subject_access(email: str) -> dict:
    if not email:
        return {"messages_to_networks": []}
    messages = list(_messages(email).select_related("network").order_by("created_at"))
    bodies = {}
    for notification in _notifications([m.pk for m in messages]).order_by("created_at"):
        bodies.setdefault(notification.about_id, notification.body_text)
    return {
        "messages_to_networks": [
            {
                "reference": m.reference,
                "network": m.network.name,
                "consent_given_at": m.consented_at,
                "sent_at": m.created_at,
                "email_to_the_network": bodies.get(str(m.pk), ""),
            }
            for m in messages
        ]
    }


def subject_erase(email: str) -> int:
    """The emails that passed the sender's messages on keep only their kind and
    times (unsent ones are deleted); the message records keep the reference,
    network and time, and lose the hash that linked them to the address."""
    if not email:
        return 0
    ids = list(_messages(email).values_list("pk", flat=True))
    if not ids:
        return 0
    emails = _notifications(ids)
    unsent = [Notification.State.PENDING, Notification.State.SENDING]
    emails.filter(state__in=unsent).delete()
    emails.update(recipient=ERASED_ADDRESS, subject=ERASED, body_text="", body_html="", headers={}, last_error=ERASED)
    NetworkMessage.objects.filter(pk__in=ids).update(sender_digest="")
    return len(ids)
