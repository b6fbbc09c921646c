from celery import shared_task


@shared_task(bind=True, acks_late=True, max_retries=None)
def notification_send(self, notification_id: int) -> None:
    """Send one outbox email. Safe to run twice: the service claims the row first."""
    from engagement_site.services import notification_send as send

    delay = send(notification_id=notification_id)
    if delay is not None and not self.request.is_eager:
        raise self.retry(countdown=delay + 1)  # after next_attempt_at has passed


@shared_task
def notifications_sweep() -> int:
    """Beat: enqueue every email still pending, including any a dead worker left."""
    from engagement_site.services import notifications_sweep as sweep

    return sweep()


@shared_task(autoretry_for=(ConnectionError, TimeoutError), retry_backoff=True, max_retries=3)
def retention_apply() -> dict:
    """Beat: blank old outbox emails, delete old feedback and used form tokens."""
    from engagement_site.services.retention import retention_apply as apply

    return apply()
