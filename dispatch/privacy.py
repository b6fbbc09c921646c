"""Subject access and erasure for Dispatch (see personal_data.collector).
The subscriber row and their choices are everything Dispatch holds; the emails
sent to them are exported and scrubbed by the outbox's own hook."""

from dispatch.models import Subscriber
from dispatch.services.subscriptions import normalise_email, subscriber_unsubscribe


def _subscriber(email: str) -> Subscriber | None:
    if not email:
        return None
    return Subscriber.objects.filter(email=normalise_email(email)).prefetch_related("districts", "topics").first()


def subject_access(email: str) -> dict:
    subscriber = _subscriber(email)
    if subscriber is None:
        return {"dispatch_subscription": None}
    return {
        "dispatch_subscription": {
            "email": subscriber.email,
            "name": subscriber.name,
            "districts": [district.name for district in subscriber.districts.all()],
            "topics": [topic.name for topic in subscriber.topics.all()],
            "signed_up_at": subscriber.created_at,
            "confirmed_at": subscriber.confirmed_at,
            "preferences_updated_at": subscriber.preferences_updated_at,
        }
    }


def subject_erase(email: str) -> int:
    """The same as unsubscribing: the subscriber is deleted and nothing still
    queued for them is sent."""
    subscriber = _subscriber(email)
    if subscriber is None:
        return 0
    return int(subscriber_unsubscribe(key=subscriber.key))
