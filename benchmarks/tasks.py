"""A task that does nothing: the worker's own floor for the notification drain."""

from celery import shared_task


@shared_task(acks_late=True)
def noop(notification_id: int) -> None:
    """Takes the same argument as the outbox task and does nothing with it."""
    return None
