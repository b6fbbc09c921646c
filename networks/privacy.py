"""Subject access and erasure hooks for the staff networks directory (see
personal_data.collector).

A message to a network is stored only as a reference, the network and the
time; the sender's name, address and words are only in the email to the
network (the outbox), which the outbox's hook exports and scrubs."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from outbox.models import Notification
from networks.models import NetworkMessage


def _notifications(email: str):
    content_type = ContentType.objects.get_for_model(NetworkMessage)
    return Notification.objects.filter(about_type=content_type).filter(
        Q(headers__icontains=email) | Q(body_text__icontains=email)
    )


def subject_access(email: str) -> dict:
    if not email:
        return {"messages_to_networks": []}
    ids = [int(pk) for pk in _notifications(email).values_list("about_id", flat=True) if str(pk).isdigit()]
    messages = NetworkMessage.objects.filter(pk__in=ids).select_related("network").order_by("created_at")
    return {
        "messages_to_networks": [
            {
                "reference": m.reference,
                "network": m.network.name,
                "consent_given_at": m.consented_at,
                "sent_at": m.created_at,
            }
            for m in messages
        ]
    }


def subject_erase(email: str) -> int:
    """The message records hold nothing that identifies the sender; the emails
    that do are scrubbed by the outbox hook. Counted here, not changed."""
    if not email:
        return 0
    return _notifications(email).count()
